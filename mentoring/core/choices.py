"""The programme's vocabularies. Stored values are stable codes; labels are translatable."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Municipality(models.TextChoices):
    ALE = "ale", "Ale"
    ALINGSAS = "alingsas", "Alingsås"
    GOTEBORG = "goteborg", "Göteborg"
    HARRYDA = "harryda", "Härryda"
    KUNGSBACKA = "kungsbacka", "Kungsbacka"
    KUNGALV = "kungalv", "Kungälv"
    LERUM = "lerum", "Lerum"
    LILLA_EDET = "lilla_edet", "Lilla Edet"
    MOLNDAL = "molndal", "Mölndal"
    PARTILLE = "partille", "Partille"
    STENUNGSUND = "stenungsund", "Stenungsund"
    TJORN = "tjorn", "Tjörn"
    OCKERO = "ockero", "Öckerö"
    OTHER = "other", _("Another municipality")


MEMBER_MUNICIPALITIES = [m.value for m in Municipality if m != Municipality.OTHER]


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")
    UNDISCLOSED = "undisclosed", _("Prefer not to say")


class EmploymentStatus(models.TextChoices):
    """A person's situation today: asked by the eligibility check and the profile, and what an intake's
    target groups are made of — one vocabulary, so that the check, the profile and the rule agree."""

    EMPLOYED = "employed", _("Employed")
    UNDER_NOTICE = "under_notice", _("Employed, under notice of redundancy")
    UNEMPLOYED = "unemployed", _("Unemployed")
    NOT_IN_LABOUR_FORCE = "inactive", _("Not in the labour force")
    IN_EDUCATION = "in_education", _("In education")
    SELF_EMPLOYED = "self_employed", _("Self-employed")


class FormerSector(models.TextChoices):
    AUTOMOTIVE_MANUFACTURER = "automotive_manufacturer", _("Automotive manufacturer")
    AUTOMOTIVE_SUPPLIER = "automotive_supplier", _("Automotive supplier")
    OTHER_MANUFACTURING = "other_manufacturing", _("Other manufacturing")
    OTHER = "other", _("Other")
    UNDISCLOSED = "undisclosed", _("Prefer not to say")


class EducationLevel(models.TextChoices):
    COMPULSORY = "compulsory", _("Compulsory school")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary school")
    POST_SECONDARY_SHORT = "post_secondary_short", _("Post-secondary, less than 2 years")
    HIGHER = "higher", _("Higher education")
    UNDISCLOSED = "undisclosed", _("Prefer not to say")


class Language(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")
    ARABIC = "ar", _("Arabic")
    PERSIAN = "fa", _("Persian")
    FINNISH = "fi", _("Finnish")
    SOMALI = "so", _("Somali")
    BOSNIAN_CROATIAN_SERBIAN = "bs", _("Bosnian/Croatian/Serbian")
    POLISH = "pl", _("Polish")
    SPANISH = "es", _("Spanish")
    TIGRINYA = "ti", _("Tigrinya")
    TURKISH = "tr", _("Turkish")
    GERMAN = "de", _("German")


class ContactLanguage(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


class BusinessSector(models.TextChoices):
    """A short list based on the sections of the Swedish Standard Industrial Classification (SNI 2007)."""

    MANUFACTURING = "C", _("Manufacturing")
    CONSTRUCTION = "F", _("Construction")
    TRADE = "G", _("Wholesale and retail trade; repair of motor vehicles")
    TRANSPORT = "H", _("Transport and storage")
    FOOD = "I", _("Hotels, restaurants and food")
    ICT = "J", _("Information and communication")
    PROFESSIONAL = "M", _("Professional, scientific and technical services")
    SUPPORT = "N", _("Administrative and support services")
    EDUCATION = "P", _("Education")
    HEALTH = "Q", _("Health and social care")
    CULTURE = "R", _("Arts, entertainment and recreation")
    OTHER_SERVICES = "S", _("Other services")


class Stage(models.TextChoices):
    IDEA = "idea", _("An idea")
    PREPARING = "preparing", _("Preparing to start")
    STARTED = "started", _("Started, not yet registered")
    REGISTERED = "registered", _("Registered company")


class SupportNeed(models.TextChoices):
    FINANCING = "financing", _("Financing")
    BUSINESS_PLAN = "business_plan", _("Business plan")
    MARKETING_SALES = "marketing_sales", _("Marketing and sales")
    LEGAL_TAX = "legal_tax", _("Legal matters and tax")
    DIGITAL_TOOLS = "digital_tools", _("Digital tools")
    PRODUCT_DEVELOPMENT = "product_development", _("Product development")
    LEADERSHIP = "leadership", _("Leadership")
    NETWORKING = "networking", _("Networking")


class WomanMentor(models.TextChoices):
    NO_PREFERENCE = "no_preference", _("No preference")
    PREFERRED = "preferred", _("I would prefer a woman mentor")
    REQUIRED = "required", _("I need a woman mentor")


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    EITHER = "either", _("Either")


class IneligibilityReason(models.TextChoices):
    MUNICIPALITY = "municipality", _("Lives or works outside the member municipalities")
    TARGET_GROUP = "target_group", _("Not in one of the programme's target groups")
    AGE = "age", _("Younger than 18")
    BUSINESS_AGE = "business_age", _("Runs a business older than the intake allows")
    GENDER = "gender", _("Gender not stated as woman, in an intake for women")


class MeetingFormat(models.TextChoices):
    """How a logged meeting was held (MeetingMode is the applicant's wish, which allows "either")."""

    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    PHONE = "phone", _("Phone")


class Situation(models.TextChoices):
    """A participant's situation as a follow-up survey asks it, and as the outcome records it."""

    KEPT_JOB = "kept_job", _("Kept the same job")
    NEW_JOB = "new_job", _("New job")
    OWN_BUSINESS = "own_business", _("Self-employed / own business")
    EDUCATION = "education", _("In education or training")
    LOOKING = "looking", _("Looking for work")
    OTHER = "other", _("Other")


class Improvement(models.TextChoices):
    """Ways the participant's situation improved."""

    SECURE_CONTRACT = "secure_contract", _("A more secure contract")
    MORE_HOURS = "more_hours", _("More hours")
    MORE_QUALIFIED = "more_qualified", _("A more qualified job")
    PROMOTION = "promotion", _("A promotion")
