#!/usr/bin/env bash
# Back up the portal: the PostgreSQL database and both upload folders, into one
# timestamped folder with a checksum file; then delete backups past their age.
# See --help, and "Backups" in README.md.
set -euo pipefail
# Everything written here holds personal data: readable by this user only.
umask 077

prog=${0##*/}
project=$(cd "$(dirname "$0")/.." && pwd)

usage() {
    cat <<USAGE
Usage: $prog --target DIR [--keep-days N] [--database URL] [--media DIR] [--private DIR]

Writes DIR/vastkraft-YYYYMMDDTHHMMSSZ/ (folder 700, files 600):
  database.dump     pg_dump --format=custom of the database
  media.tar.gz      MEDIA_ROOT (public uploads: images, documents)
  private.tar.gz    PRIVATE_MEDIA_ROOT (applicants' uploads)
  SHA256SUMS        checksums of the three files (sha256sum --check)
then deletes vastkraft-* folders in DIR older than N days, and prints the new
folder's path. A run that fails leaves nothing behind but its own
vastkraft-*.partial folder, which is removed on exit.

Options:
  --target DIR     where backups are kept (default: \$BACKUP_DIR)
  --keep-days N    delete backups older than N days, N >= 1 (default: 35)
  --database URL   postgres://user@host:5432/name (default: \$DATABASE_URL; when
                   neither is set, libpq's PGHOST, PGDATABASE, PGUSER ... are used)
  --media DIR      public upload folder (default: \$MEDIA_ROOT, else var/media)
  --private DIR    private upload folder (default: \$PRIVATE_MEDIA_ROOT, else var/private)
  -h, --help       show this help

A password in the URL is handed to pg_dump through PGPASSWORD, never on its
command line; better still, keep it in ~/.pgpass and leave it out of the URL.
pg_dump must be at least the server's major version.
USAGE
}

die() {
    printf '%s: %s\n' "$prog" "$*" >&2
    exit 1
}

note() {
    printf '%s: %s\n' "$prog" "$*" >&2
}

# Sets `conninfo` from a Django DATABASE_URL for libpq. A password in it moves to
# PGPASSWORD, since command lines are visible to every user in the process list.
pg_conninfo() {
    local url=$1 password
    case $url in
        postgres://* | postgresql://*) ;;
        pgsql://* | psql://*) url="postgresql://${url#*://}" ;;
        *://* | sqlite:*) die "not a PostgreSQL URL: ${url%%:*}://… (only PostgreSQL is backed up)" ;;
        *) conninfo=$url && return ;;
    esac
    if [[ $url =~ ^(postgres(ql)?://[^:@/]*):([^@/]*)@(.*)$ ]]; then
        password=${BASH_REMATCH[3]}
        password=${password//\\/\\\\}
        printf -v PGPASSWORD '%b' "${password//%/\\x}"
        export PGPASSWORD
        url="${BASH_REMATCH[1]}@${BASH_REMATCH[4]}"
    fi
    conninfo=$url
}

# Archives a folder's contents. GNU tar exits 1 when a file changed while it was
# read (an upload arriving now): the archive is still usable, so that is a warning.
archive() {
    local folder=$1 file=$2 status=0
    [ -d "$folder" ] || die "upload folder $folder does not exist (see --media / --private)"
    tar -C "$folder" -czf "$file" . || status=$?
    case $status in
        0) ;;
        1) note "warning: files in $folder changed while they were archived" ;;
        *) die "tar of $folder failed (exit $status)" ;;
    esac
}

target=${BACKUP_DIR:-}
keep_days=35
database=${DATABASE_URL:-}
media=${MEDIA_ROOT:-$project/var/media}
private=${PRIVATE_MEDIA_ROOT:-$project/var/private}

while [ $# -gt 0 ]; do
    case $1 in
        -h | --help) usage && exit 0 ;;
        --target | --keep-days | --database | --media | --private)
            [ $# -ge 2 ] || die "$1 needs a value"
            case $1 in
                --target) target=$2 ;;
                --keep-days) keep_days=$2 ;;
                --database) database=$2 ;;
                --media) media=$2 ;;
                --private) private=$2 ;;
            esac
            shift 2
            ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
done

[ -n "$target" ] || die "no --target folder (or BACKUP_DIR) given (see --help)"
[[ $keep_days =~ ^[1-9][0-9]*$ ]] || die "--keep-days must be a whole number of days, at least 1"
for tool in pg_dump pg_restore tar gzip sha256sum find; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done
conninfo=
if [ -n "$database" ]; then
    pg_conninfo "$database"
elif [ -z "${PGDATABASE:-}" ]; then
    die "no database: set DATABASE_URL or PGDATABASE, or pass --database"
fi

mkdir -p -- "$target"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
name="vastkraft-$stamp"
work="$target/$name.partial"
mkdir -- "$work" || die "$work already exists: is another backup running?"
trap 'rm -rf -- "$work"' EXIT

note "dumping the database"
# --no-password: under cron a missing password must fail, not wait for a prompt.
pg_dump --format=custom --no-password --file="$work/database.dump" ${conninfo:+"--dbname=$conninfo"}
# A dump pg_restore cannot read is no backup.
pg_restore --list "$work/database.dump" >/dev/null
# Files after the database: every file the dump refers to already exists.
note "archiving $media"
archive "$media" "$work/media.tar.gz"
note "archiving $private"
archive "$private" "$work/private.tar.gz"
(cd "$work" && sha256sum database.dump media.tar.gz private.tar.gz >SHA256SUMS)
chmod 600 "$work"/*
chmod 700 "$work"
mv -T -- "$work" "$target/$name"
trap - EXIT

# Only after a good backup: a failing job never deletes the last ones that worked.
find "$target" -mindepth 1 -maxdepth 1 -type d -name 'vastkraft-*' \
    -mmin +$((keep_days * 24 * 60)) -print -exec rm -rf -- {} + |
    while IFS= read -r old; do note "deleted $old (older than $keep_days days)"; done
printf '%s\n' "$target/$name"
