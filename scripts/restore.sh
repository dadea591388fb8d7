#!/usr/bin/env bash
# Restore a backup written by scripts/backup.sh into an empty database and empty
# upload folders. See --help, and "Backups" in README.md.
set -euo pipefail

prog=${0##*/}

usage() {
    cat <<USAGE
Usage: $prog --media DIR --private DIR BACKUP DATABASE

Restores BACKUP (a vastkraft-YYYYMMDDTHHMMSSZ folder written by backup.sh):
  1. checks its files against SHA256SUMS;
  2. refuses unless DATABASE is empty (no table, sequence, view or extension
     besides plpgsql) and the upload folders are empty or missing;
  3. restores database.dump into DATABASE in one transaction (on any error
     nothing is kept), owned by the user this connects as, without the source's
     grants; then ANALYZE;
  4. unpacks media.tar.gz into --media and private.tar.gz into --private.

DATABASE is an existing database: postgres://user@host:5432/name, or a name
used with libpq's PGHOST, PGUSER ... Create it first, owned by the portal's
database user, and connect as that user (createdb -O portal vastkraft_restored).
Run this as the system user the portal runs as, so the files are theirs.

Options:
  --media DIR      where MEDIA_ROOT's files go (public uploads)
  --private DIR    where PRIVATE_MEDIA_ROOT's files go (applicants' uploads)
  -h, --help       show this help

Afterwards point DATABASE_URL, MEDIA_ROOT and PRIVATE_MEDIA_ROOT at them and run
"python manage.py migrate --check" (it fails if a migration is unapplied).
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
        *://* | sqlite:*) die "not a PostgreSQL URL: ${url%%:*}://…" ;;
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

# Relations in the database's own schemas, plus extensions other than the
# built-in plpgsql: a fresh `createdb` has none of either.
OBJECTS_SQL="
SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname <> 'information_schema' AND n.nspname !~ '^pg_')
     + (SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql')"

media=
private=
positional=()
while [ $# -gt 0 ]; do
    case $1 in
        -h | --help) usage && exit 0 ;;
        --media | --private)
            [ $# -ge 2 ] || die "$1 needs a value"
            if [ "$1" = --media ]; then media=$2; else private=$2; fi
            shift 2
            ;;
        -*) die "unknown option: $1 (see --help)" ;;
        *) positional+=("$1") && shift ;;
    esac
done
[ ${#positional[@]} -eq 2 ] || die "give the backup folder and the database (see --help)"
backup=${positional[0]}
{ [ -n "$media" ] && [ -n "$private" ]; } || die "give --media and --private (see --help)"
for tool in pg_restore psql tar gzip sha256sum; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done
for file in database.dump media.tar.gz private.tar.gz SHA256SUMS; do
    [ -f "$backup/$file" ] || die "$backup/$file is missing: not a complete backup"
done
conninfo=
pg_conninfo "${positional[1]}"

note "checking $backup against SHA256SUMS"
(cd "$backup" && sha256sum --check --quiet --strict SHA256SUMS) || die "checksums do not match: $backup is damaged"

objects=$(psql --no-psqlrc --no-password --quiet --tuples-only --no-align \
    --set=ON_ERROR_STOP=1 --dbname="$conninfo" --command="$OBJECTS_SQL") ||
    die "cannot connect to the target database"
[ "$objects" = 0 ] || die "the target database is not empty ($objects objects): refusing to restore into it"
for folder in "$media" "$private"; do
    if [ -e "$folder" ]; then
        [ -d "$folder" ] || die "$folder is not a folder"
        [ -z "$(find "$folder" -mindepth 1 -maxdepth 1 -print -quit)" ] ||
            die "$folder is not empty: refusing to unpack into it"
    fi
done

note "restoring the database"
pg_restore --exit-on-error --single-transaction --no-owner --no-privileges --no-password \
    --dbname="$conninfo" "$backup/database.dump"
psql --no-psqlrc --no-password --quiet --set=ON_ERROR_STOP=1 --dbname="$conninfo" --command=ANALYZE

note "unpacking the uploads"
mkdir -p -- "$media"
(umask 077 && mkdir -p -- "$private")
tar -C "$media" -xzf "$backup/media.tar.gz"
tar -C "$private" -xzf "$backup/private.tar.gz"
# The archive carries the source folder's mode; applicants' files stay the owner's alone.
chmod 700 "$private"
note "restored $backup; now run: python manage.py migrate --check"
