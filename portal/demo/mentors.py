"""Demo mentors: 25 approved mentors across the region, plus a profile for the mentor demo account.

Sectors and expertise use the applicants' own codes (SNI sections, support
needs), so that matching the open intake shows real choices: most sectors have
two or three mentors, languages besides Swedish are spread over a few of them,
capacities run from one to four, most mentors are women, two are paused, and a
few have ties to the region's large employers. Natural key: the e-mail address;
an account or profile found is left exactly as it is.
"""

from datetime import date, datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.test import override_settings
from django.utils import timezone

from mentoring.matching.engine import match
from mentoring.matching.selectors import matching_inputs
from mentoring.mentorships.services.lifecycle import mentorship_accept, mentorship_propose
from mentoring.models import Application, Intake, MentorProfile, Mentorship
from portal.demo import texts
from portal.demo.planning import demo_plan_meeting
from portal.roles import MENTORS

MENTOR_EMAIL = "mentor{number:02d}@vastkraft.example"

# first name, last name, gender, municipality, sectors, expertise, languages, capacity, online,
# company ties, paused ("back on" in days, None: until further notice; False: active), bio
DEMO_MENTORS = [
    (
        "Anna",
        "Karlsson",
        "woman",
        "goteborg",
        ["M", "N"],
        ["business_plan", "financing", "legal_tax"],
        ["sv", "en"],
        3,
        True,
        [],
        False,
        "Auktoriserad redovisningskonsult med egen byrå i Majorna sedan 2009. Hjälper gärna till med "
        "budget, likviditet och första bokslutet.",
    ),
    (
        "Fatima",
        "Al-Sayed",
        "woman",
        "goteborg",
        ["I", "G"],
        ["financing", "marketing_sales", "networking"],
        ["sv", "ar", "en"],
        4,
        True,
        [],
        False,
        "Startade en libanesisk catering i Angered som i dag har tolv anställda. Vet hur man får in "
        "de första storkunderna och vad banken vill se.",
    ),
    (
        "Maria",
        "Lindberg",
        "woman",
        "molndal",
        ["C"],
        ["product_development", "leadership", "business_plan"],
        ["sv", "en", "de"],
        2,
        False,
        ["Volvo Cars"],
        False,
        "Tjugo år som produktionschef inom fordonsindustrin, nu styrelseledamot i tre små tillverkande "
        "bolag i Mölndal.",
    ),
    (
        "Shirin",
        "Moradi",
        "woman",
        "partille",
        ["J", "P"],
        ["digital_tools", "marketing_sales", "product_development"],
        ["sv", "fa", "en"],
        3,
        True,
        [],
        False,
        "Driver en webbyrå för småföretag och undervisar i digital marknadsföring på Yrkeshögskolan.",
    ),
    (
        "Hodan",
        "Warsame",
        "woman",
        "goteborg",
        ["Q", "P"],
        ["legal_tax", "networking", "leadership"],
        ["sv", "so", "en"],
        2,
        True,
        [],
        False,
        "Sjuksköterska som startade ett assistansbolag i Bergsjön. Kan tillstånd, IVO och upphandlingar "
        "inom vård och omsorg.",
    ),
    (
        "Eva",
        "Nyström",
        "woman",
        "kungalv",
        ["F", "C"],
        ["financing", "legal_tax", "business_plan"],
        ["sv", "fi"],
        2,
        False,
        [],
        False,
        "Byggnadsingenjör och tidigare ägare av ett elinstallationsföretag i Kungälv. Hjälper till med "
        "kalkyler, anbud och behörigheter.",
    ),
    (
        "Agnieszka",
        "Kowalska",
        "woman",
        "lerum",
        ["G", "H"],
        ["digital_tools", "marketing_sales", "networking"],
        ["sv", "pl", "en"],
        2,
        True,
        [],
        False,
        "Byggde upp en e-handel för reservdelar från köksbordet i Lerum. Kan plattformar, frakt och "
        "kundtjänst i stor skala.",
    ),
    (
        "Lena",
        "Holm",
        "woman",
        "alingsas",
        ["R", "S"],
        ["marketing_sales", "networking", "business_plan"],
        ["sv", "en"],
        1,
        False,
        [],
        False,
        "Har drivit galleri och kafé i Alingsås i femton år. Vet hur ett litet kulturföretag får "
        "ekonomin att gå ihop.",
    ),
    (
        "Ingrid",
        "Sjöberg",
        "woman",
        "kungsbacka",
        ["M", "J"],
        ["leadership", "networking", "financing"],
        ["sv", "en"],
        3,
        True,
        ["SKF"],
        False,
        "Tidigare HR-direktör inom industrin, nu konsult i ledarskap. Hjälper nya företagare att bygga "
        "team och rekrytera sin första medarbetare.",
    ),
    (
        "Amina",
        "Hassan",
        "woman",
        "goteborg",
        ["S", "N"],
        ["financing", "legal_tax", "marketing_sales"],
        ["sv", "ar", "so"],
        2,
        True,
        [],
        False,
        "Driver städ- och fastighetsservice med tjugo anställda. Kan kollektivavtal, F-skatt och hur man "
        "prissätter tjänster.",
    ),
    (
        "Karin",
        "Bergström",
        "woman",
        "harryda",
        ["H", "G"],
        ["business_plan", "financing", "digital_tools"],
        ["sv", "en"],
        2,
        True,
        [],
        False,
        "Logistikchef i tjugo år, bland annat på Landvetter. Hjälper till med lager, transporter och "
        "leverantörsavtal.",
    ),
    (
        "Sofia",
        "Eriksson",
        "woman",
        "molndal",
        ["P", "Q"],
        ["business_plan", "marketing_sales", "leadership"],
        ["sv", "en", "es"],
        2,
        True,
        [],
        False,
        "Grundade en förskola och ett kursföretag för vuxna. Kan pedagogik som affär och offentliga kunder.",
    ),
    (
        "Tiina",
        "Mäkinen",
        "woman",
        "ale",
        ["C", "F"],
        ["product_development", "financing", "networking"],
        ["sv", "fi", "en"],
        1,
        False,
        [],
        False,
        "Svetsare som blev vd för ett plåtslageri i Nödinge. Vet hur man går från uppdrag till egen produkt.",
    ),
    (
        "Nasrin",
        "Karimi",
        "woman",
        "goteborg",
        ["I", "S"],
        ["marketing_sales", "digital_tools", "legal_tax"],
        ["sv", "fa", "en"],
        3,
        True,
        [],
        False,
        "Äger två frisörsalonger och ett bageri i Göteborg. Hjälper till med lokaler, tillstånd och "
        "sociala medier.",
    ),
    (
        "Helena",
        "Ström",
        "woman",
        "stenungsund",
        ["C", "M"],
        ["product_development", "legal_tax", "leadership"],
        ["sv", "en"],
        2,
        True,
        ["Borealis"],
        False,
        "Kemiingenjör med patent i ryggsäcken. Kan immaterialrätt, certifieringar "
        "och att sälja till industrin.",
    ),
    (
        "Camilla",
        "Öberg",
        "woman",
        "ockero",
        ["H", "R"],
        ["networking", "marketing_sales", "business_plan"],
        ["sv", "en"],
        1,
        True,
        ["Stena Line"],
        (21,),
        "Driver turistbåtar och konferens på Öckerö. Pausar under högsäsongen men kommer tillbaka i höst.",
    ),
    (
        "Per",
        "Axelsson",
        "man",
        "goteborg",
        ["J", "M"],
        ["digital_tools", "product_development", "financing"],
        ["sv", "en"],
        4,
        True,
        ["Volvo Cars"],
        False,
        "Mjukvaruarkitekt som startat två it-bolag. Hjälper till med att bygga en första version, prissätta "
        "abonnemang och hitta investerare.",
    ),
    (
        "Ahmad",
        "Nouri",
        "man",
        "partille",
        ["F", "G"],
        ["financing", "legal_tax", "networking"],
        ["sv", "fa", "ar"],
        3,
        False,
        [],
        False,
        "Byggföretagare i Partille med lång erfarenhet av underentreprenader och ROT-avdrag.",
    ),
    (
        "Mikko",
        "Virtanen",
        "man",
        "kungsbacka",
        ["C", "H"],
        ["product_development", "leadership", "digital_tools"],
        ["sv", "fi", "en"],
        2,
        True,
        ["Aurobay"],
        False,
        "Tidigare utvecklingschef på en motorfabrik. Mentor för uppfinnare och små tillverkare sedan 2018.",
    ),
    (
        "Abdi",
        "Mohamed",
        "man",
        "goteborg",
        ["H", "S"],
        ["business_plan", "financing", "networking"],
        ["sv", "so", "en"],
        2,
        True,
        [],
        False,
        "Startade ett åkeri med en lastbil och har i dag åtta. Vet vad det kostar "
        "att komma igång med transporter.",
    ),
    (
        "Tomasz",
        "Wiśniewski",
        "man",
        "molndal",
        ["F", "C"],
        ["leadership", "business_plan", "product_development"],
        ["sv", "pl", "en"],
        2,
        False,
        [],
        False,
        "Snickare och platschef som driver ett renoveringsföretag med femton anställda i Mölndal.",
    ),
    (
        "Johan",
        "Lund",
        "man",
        "lerum",
        ["M", "N"],
        ["legal_tax", "financing", "business_plan"],
        ["sv", "en"],
        3,
        True,
        [],
        False,
        "Affärsjurist med egen byrå. Hjälper till med bolagsform, avtal och villkor för de första kunderna.",
    ),
    (
        "Erik",
        "Gustafsson",
        "man",
        "tjorn",
        ["I", "R"],
        ["marketing_sales", "networking", "financing"],
        ["sv", "en", "de"],
        1,
        True,
        [],
        (None,),
        "Krögare på Tjörn i trettio år. Pausar tills vidare medan han säljer restaurangen.",
    ),
    (
        "Goran",
        "Petrović",
        "man",
        "alingsas",
        ["G", "C"],
        ["marketing_sales", "financing", "digital_tools"],
        ["sv", "bs", "en"],
        2,
        True,
        [],
        False,
        "Driver en möbelbutik och ett snickeri i Alingsås. Kan inköp, marginaler och butik på nätet.",
    ),
    (
        "Yonas",
        "Tesfay",
        "man",
        "goteborg",
        ["Q", "N"],
        ["networking", "leadership", "legal_tax"],
        ["sv", "ti", "en"],
        2,
        True,
        [],
        False,
        "Socionom som startade ett bemanningsföretag inom omsorgen. Brinner för nya företagare i nordost.",
    ),
]

# The mentor demo account (texts.USERS) gets a profile too.
DEMO_ACCOUNT_MENTOR = (
    ["C", "M"],
    ["financing", "business_plan", "leadership"],
    ["sv", "en"],
    3,
    True,
    ["Volvo Group"],
    "goteborg",
    "Civilingenjör som lämnade fordonsindustrin för att driva ett konsultbolag i kvalitetsfrågor.",
)


def _approved_at(today: date) -> datetime:
    # Before the closed demo intake's mentorships began (portal/demo/alumni.py), so the history adds up.
    return timezone.make_aware(datetime.combine(today - timedelta(days=200), time(10)))


def _demo_account(role: str):
    email = next(email for label, email, *_rest in texts.USERS if label == role)
    return get_user_model().objects.filter(email__iexact=email).first()


def demo_seed_mentors(*, today: date, report) -> None:
    """Create whatever of the demo mentors' accounts (verified, Mentors group) and profiles is missing."""
    User = get_user_model()
    approver = _demo_account("coordinator")
    plans = {MENTOR_EMAIL.format(number=n): entry for n, entry in enumerate(DEMO_MENTORS, start=1)}
    users = {u.email.lower(): u for u in User.objects.filter(email__in=plans)}
    missing = [email for email in plans if email not in users]
    if missing:
        # One hash for all: hashing is slow on purpose, and the demo password is public anyway.
        password = make_password(texts.DEMO_PASSWORD)
        User.objects.bulk_create(
            User(email=email, first_name=plans[email][0], last_name=plans[email][1], password=password)
            for email in missing
        )
        users = {u.email.lower(): u for u in User.objects.filter(email__in=plans)}
        Group.objects.get(name=MENTORS).user_set.add(*(users[email] for email in missing))
    for email in plans:
        report.count("mentors", created=email in missing)

    verified = set(EmailAddress.objects.filter(user__in=users.values()).values_list("user_id", flat=True))
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True)
        for user in users.values()
        if user.pk not in verified
    )

    approved_at = _approved_at(today)
    profiles = []
    for email, entry in plans.items():
        (
            _first,
            _last,
            gender,
            municipality,
            sectors,
            expertise,
            languages,
            capacity,
            online,
            ties,
            paused,
            bio,
        ) = entry
        profiles.append(
            MentorProfile(
                user=users[email],
                bio=bio,
                sectors=sectors,
                expertise=expertise,
                languages=languages,
                municipality=municipality,
                online_ok=online,
                capacity=capacity,
                gender=gender,
                company_ties=ties,
                paused=bool(paused),
                back_on=today + timedelta(days=paused[0]) if paused and paused[0] else None,
                approved_at=approved_at,
                approved_by=approver,
            )
        )
    account = _demo_account("mentor")
    if account is not None:
        sectors, expertise, languages, capacity, online, ties, municipality, bio = DEMO_ACCOUNT_MENTOR
        profiles.append(
            MentorProfile(
                user=account,
                bio=bio,
                sectors=sectors,
                expertise=expertise,
                languages=languages,
                municipality=municipality,
                online_ok=online,
                capacity=capacity,
                gender="man",
                company_ties=ties,
                approved_at=approved_at,
                approved_by=approver,
            )
        )
    with_profile = set(
        MentorProfile.objects.filter(user__in=[p.user for p in profiles]).values_list("user_id", flat=True)
    )
    MentorProfile.objects.bulk_create(p for p in profiles if p.user.pk not in with_profile)


def demo_seed_mentorships(*, today: date, report) -> None:
    """Give the mentor demo account one mentee and one proposal to answer, from the open intake.

    The two participants are the ones the matching engine finds best for this
    mentor alone, so the dashboard shows pairs that make sense. Nothing happens when the
    account already has a mentorship (the seed is safe to repeat) or when the
    engine finds nobody for it.
    """
    account = _demo_account("mentor")
    profile = MentorProfile.objects.filter(user=account).first() if account else None
    intake = Intake.objects.filter(title=texts.INTAKES["open"][1]).first()
    if profile is None or intake is None or Mentorship.objects.filter(mentor=profile).exists():
        report.count("mentorships", created=False)
        return
    proposed_at = timezone.make_aware(datetime.combine(today - timedelta(days=3), time(9)))
    coordinator = _demo_account("coordinator")
    participants, mentors = matching_inputs(intake=intake, now=proposed_at)
    alone = [mentor for mentor in mentors if mentor.id == profile.pk]
    pairs = sorted(match(participants=participants, mentors=alone).pairs, key=lambda pair: -pair.score)
    # No e-mail: the history is backdated and the addresses invented.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        for number, pair in enumerate(pairs[:2]):
            mentorship = mentorship_propose(
                participant=Application.objects.get(pk=pair.participant_id),
                mentor=profile,
                actor=coordinator,
                now=proposed_at,
                score=round(pair.score, 3),
                reasons=[[reason.code, reason.params] for reason in pair.reasons],
            )
            if number == 0:
                accepted_at = proposed_at + timedelta(hours=20)
                mentorship_accept(mentorship=mentorship, actor=account, now=accepted_at)
                demo_plan_meeting(mentorship=mentorship, actor=account, today=today, now=accepted_at)
            report.count("mentorships", created=True)
