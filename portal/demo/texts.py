"""The demo site's words, in Swedish and English.

Everything here is data: the seeding service in `portal.demo.seed` decides
what to create. The organisation, people, addresses and telephone numbers are
invented for the demo (telephone numbers from the series PTS sets aside for
fiction, e-mail under the reserved domain vastkraft.example).

Bodies are StreamField data in Wagtail's JSON shape. A call to action names
the page it leads to by its key in this module (`"page": "contact"`); a link
inside rich text does the same with `{page:contact}` as its id. The service
swaps both for the page in the right language.
"""

from portal.roles import COORDINATORS, COURSE_LEADERS, EDITORS, MENTORS, MODERATORS

DEMO_PASSWORD = "vastkraft-demo"  # noqa: S105 - public on purpose: the demo accounts


# --- Block helpers -------------------------------------------------------------


def heading(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def quote(text: str, attribution: str = "") -> dict:
    return {"type": "quote", "value": {"quote": text, "attribution": attribution}}


def call_to_action(*, title: str, text: str, button: str, page: str | None = None, url: str = "") -> dict:
    return {
        "type": "call_to_action",
        "value": {"title": title, "text": text, "page": page, "url": url, "button": button},
    }


def facts(*pairs: tuple[str, str]) -> list[dict]:
    return [{"type": "fact", "value": {"label": label, "value": value}} for label, value in pairs]


MUNICIPALITIES = (
    "Ale, Alingsås, Göteborg, Härryda, Kungsbacka, Kungälv, Lerum, Lilla Edet, "
    "Mölndal, Partille, Stenungsund, Tjörn och Öckerö"
)
MUNICIPALITIES_EN = (
    "Ale, Alingsås, Gothenburg, Härryda, Kungsbacka, Kungälv, Lerum, Lilla Edet, "
    "Mölndal, Partille, Stenungsund, Tjörn and Öckerö"
)


# --- Images --------------------------------------------------------------------
# key: (title, motif). The title is the image's alt text, so it names the page it
# belongs to and says what is seen; the colours are drawn at random from the palette.

IMAGES = {
    "hero": ("Abstrakt bild till VästKraft: mjuka vågor i västkustens färger", "waves"),
    "programme-women": (
        "Abstrakt bild till Kvinnors företagande: ringar som sprider sig som på vatten",
        "circles",
    ),
    "programme-start": ("Abstrakt bild till Starta eget: breda bågar och en gul sol", "arcs"),
    "programme-skills": ("Abstrakt bild till Kompetensutveckling: punkter förbundna i ett nätverk", "grid"),
    "news-intake": ("Abstrakt bild till nyheten om intaget: mjuka vågor i västkustens färger", "waves"),
    "news-mentor-evening": ("Abstrakt bild till mentorskvällen: ringar och runda prickar", "circles"),
    "news-breakfast": ("Abstrakt bild till frukostseminariet: bågar och en gul sol som går upp", "arcs"),
    "news-robot": ("Abstrakt bild till robotkursen: punkter och linjer som i ett styrsystem", "grid"),
    "news-story": ("Abstrakt bild till Noras berättelse: mjuka vågor", "waves"),
    "news-guidance": ("Abstrakt bild till vägledningen: ringar som sprider sig utåt", "circles"),
    "news-mentoring": ("Abstrakt bild till mentorskapet: punkter som knyts samman med linjer", "grid"),
    "news-women-network": ("Abstrakt bild till nätverksdagen på Tjörn: bågar och en gul sol", "arcs"),
    "news-communication": ("Abstrakt bild till kommunikationskursen: ringar och prickar som möts", "circles"),
    "news-mentors-wanted": ("Abstrakt bild till mentorsrekryteringen: ett nätverk av punkter", "grid"),
    "news-electrification": ("Abstrakt bild till elektrifieringskursen: bågar som elektriska fält", "arcs"),
    "news-open-house": ("Abstrakt bild till öppet hus i Alingsås: vågor vid en strand", "waves"),
    "news-pricing": ("Abstrakt bild till workshoppen om prissättning: ringar och prickar", "circles"),
    "news-launch": ("Abstrakt bild till starten av VästKraft: punkter förbundna i ett nätverk", "grid"),
}


# --- Home page -----------------------------------------------------------------

HOME = {
    "sv": {
        "title": "VästKraft",
        "slug": "hem",
        "hero_title": "Kraft att växa – i jobbet eller i ett eget företag",
        "hero_text": (
            "VästKraft hjälper dig som arbetar eller har arbetat inom teknik- och fordonsindustrin i "
            "Göteborgsregionen att ta nästa steg. Korta kurser, studie- och yrkesvägledning och en "
            "erfaren mentor om du vill starta eget. Allt är kostnadsfritt för dig."
        ),
        "hero_link_text": "Om VästKraft",
        # The home page lists the intakes open at the moment under these words: they promise none.
        "apply_title": "Sök till VästKraft",
        "apply_text": (
            "Du kan söka om du bor eller arbetar i någon av regionens 13 kommuner och är anställd, varslad "
            "eller arbetssökande. Ansökan tar ungefär en kvart, och du kan spara den och fortsätta senare."
        ),
    },
    "en": {
        "title": "VästKraft",
        "slug": "home",
        "hero_title": "The strength to grow – at work or in a business of your own",
        "hero_text": (
            "VästKraft helps people who work or have worked in the technology and automotive industries "
            "of the Gothenburg region take their next step. Short courses, study and career guidance, and "
            "an experienced mentor if you want to start a business. It is all free of charge for you."
        ),
        "hero_link_text": "About VästKraft",
        "apply_title": "Apply to VästKraft",
        "apply_text": (
            "You can apply if you live or work in one of the region's 13 municipalities and are employed, "
            "under notice of redundancy or looking for work. The application takes about fifteen minutes, "
            "and you can save it and carry on later."
        ),
    },
}


# --- Index pages -----------------------------------------------------------------

PROGRAMME_INDEX = {
    "sv": {
        "title": "Program",
        "slug": "program",
        "intro": (
            "<p>VästKraft har tre spår. Du kan gå ett av dem eller kombinera dem – många börjar med en "
            "kurs och går vidare till att starta eget. Är du osäker på vad som passar dig hjälper vår "
            "studie- och yrkesvägledare dig att välja.</p>"
        ),
    },
    "en": {
        "title": "Programmes",
        "slug": "programmes",
        "intro": (
            "<p>VästKraft has three tracks. You can follow one of them or combine them – many people start "
            "with a course and go on to start a business. If you are unsure what suits you, our study and "
            "career adviser will help you choose.</p>"
        ),
    },
}

NEWS_INDEX = {
    "sv": {
        "title": "Nyheter",
        "slug": "nyheter",
        "intro": (
            "<p>Nyheter, kurser och evenemang från VästKraft. Prenumerera gärna på flödet så missar du "
            "inget nytt intag.</p>"
        ),
    },
    "en": {
        "title": "News",
        "slug": "news",
        "intro": (
            "<p>News, courses and events from VästKraft. Subscribe to the feed so that you never miss a "
            "new intake.</p>"
        ),
    },
}


# --- Programmes -------------------------------------------------------------------

PROGRAMMES = [
    {
        "key": "programme-women",
        "image": "programme-women",
        "sv": {
            "title": "Kvinnors företagande",
            "slug": "kvinnors-foretagande",
            "intro": (
                "För dig som är kvinna och vill starta eget, eller nyss har gjort det. Du får en erfaren "
                "mentor, ett nätverk av andra grundare och kurser i det som nya företagare behöver mest."
            ),
            "audience": (
                "<p>Programmet är för kvinnor som vill starta eget eller nyss har gjort det. De flesta "
                "har bakgrund i teknik- eller fordonsindustrin. Kanske funderar du på något eget vid sidan "
                "av jobbet, har fått varsel och vill ta chansen att förverkliga en idé, söker arbete "
                "eller har nyss startat ditt företag. Vem som kan söka till en omgång, och hur nytt "
                "företaget får vara, står under rubriken om omgången.</p>"
            ),
            "facts": facts(
                ("Längd", "6 månader, med träffar ungefär varannan vecka"),
                ("Kostnad", "Kostnadsfritt"),
                ("Var", "Göteborg och Mölndal, en del träffar på distans"),
                ("Mentor", "En erfaren företagare – en kvinna om du önskar"),
            ),
            "body": [
                heading("Varför ett eget program för kvinnor?"),
                paragraph(
                    "<p>I teknik- och fordonsindustrin är det fortfarande få kvinnor som startar företag, "
                    "trots att många har både idéerna och kunnandet. Det handlar sällan om förmåga och "
                    "oftare "
                    "om nätverk, förebilder och tillgång till kapital. Därför har VästKraft avsatt särskilda "
                    "resurser för kvinnor som vill bli företagare.</p>"
                ),
                heading("Det här ingår"),
                paragraph(
                    "<ul><li><b>En personlig mentor</b> som själv har drivit företag. Ni träffas "
                    "regelbundet under sex månader och sätter upp mål tillsammans.</li>"
                    "<li><b>Kurser för nya företagare:</b> affärsplan, prissättning, bokföring, "
                    "försäljning och hur du hittar finansiering.</li>"
                    "<li><b>Ett nätverk</b> av andra kvinnor som startar företag, med träffar runt om i "
                    "regionen.</li>"
                    "<li><b>Uppföljning</b> när programmet är slut, så att du inte står ensam när det "
                    "blir skarpt läge.</li></ul>"
                ),
                quote(
                    "Det viktigaste var inte kurserna, utan att någon som hade gjort resan före mig tog mina "
                    "idéer på allvar.",
                    "Deltagare i en tidigare omgång (påhittat citat i demoinnehållet)",
                ),
                heading("Så ansöker du"),
                paragraph(
                    "<p>Du ansöker här på webbplatsen. Berätta om din idé, var du står i dag och vilket stöd "
                    "du behöver. Du kan spara ansökan och fortsätta senare. Vi läser alla ansökningar och "
                    "hör av oss inom tre veckor efter att intaget har stängt.</p>"
                ),
                call_to_action(
                    title="Har du frågor innan du söker?",
                    text=(
                        "Ring eller mejla oss, så berättar vi mer om programmet och hur en mentor kan hjälpa "
                        "dig."
                    ),
                    button="Kontakta oss",
                    page="contact",
                ),
            ],
        },
        "en": {
            "title": "Women's entrepreneurship",
            "slug": "womens-entrepreneurship",
            "intro": (
                "For women who want to start a business, or have just done so. You get an experienced "
                "mentor, a network of other founders and courses in what new business owners need most."
            ),
            "audience": (
                "<p>The programme is for women who want to start a business or have just done so. Most "
                "have a background in the technology or automotive industries. You may be thinking about "
                "something of your own alongside your job, be under notice of redundancy and want to "
                "take the chance to realise an idea, be looking for work, or have just started your "
                "business. Who can apply to a round, and how new the business must be, is set out under "
                "the heading about that round.</p>"
            ),
            "facts": facts(
                ("Length", "6 months, meeting about every other week"),
                ("Cost", "Free of charge"),
                ("Where", "Gothenburg and Mölndal, some meetings online"),
                ("Mentor", "An experienced business owner – a woman if you prefer"),
            ),
            "body": [
                heading("Why a programme of its own for women?"),
                paragraph(
                    "<p>Few women in the technology and automotive industries start businesses, even though "
                    "many have both the ideas and the know-how. It is rarely a question of ability and more "
                    "often one of networks, role models and access to capital. That is why VästKraft has set "
                    "aside dedicated resources for women who want to become entrepreneurs.</p>"
                ),
                heading("What is included"),
                paragraph(
                    "<ul><li><b>A personal mentor</b> who has run a business. You meet regularly for six "
                    "months and set goals together.</li>"
                    "<li><b>Courses for new business owners:</b> business plan, pricing, bookkeeping, "
                    "sales and how to find funding.</li>"
                    "<li><b>A network</b> of other women starting businesses, with meetings around the "
                    "region.</li>"
                    "<li><b>Follow-up</b> after the programme, so that you are not on your own when it "
                    "gets real.</li></ul>"
                ),
                quote(
                    "What mattered most wasn't the courses, but that someone who had made the journey before "
                    "me took my ideas seriously.",
                    "Participant in an earlier round (an invented quote in the demo content)",
                ),
                heading("How to apply"),
                paragraph(
                    "<p>You apply here on the website. Tell us about your idea, where you are today and what "
                    "support you need. You can save your application and carry on later. We read every "
                    "application and get back to you within three weeks of the intake closing.</p>"
                ),
                call_to_action(
                    title="Questions before you apply?",
                    text=(
                        "Call or e-mail us and we will tell you more about the programme and how a mentor "
                        "can help."
                    ),
                    button="Contact us",
                    page="contact",
                ),
            ],
        },
    },
    {
        "key": "programme-start",
        "image": "programme-start",
        "sv": {
            "title": "Starta eget",
            "slug": "starta-eget",
            "intro": (
                "Har du en affärsidé som du vill pröva? Vi hjälper dig från idé till första kund, med "
                "kurser, en mentor och stöd i de praktiska frågorna."
            ),
            "audience": (
                "<p>För dig som bor eller arbetar i någon av de 13 medlemskommunerna och har arbetat inom "
                "teknik- eller fordonsindustrin – som anställd, varslad eller arbetssökande – och som vill "
                "undersöka om ett eget företag är rätt väg för dig.</p>"
            ),
            "facts": facts(
                ("Längd", "4 månader"),
                ("Kostnad", "Kostnadsfritt"),
                ("Var", "Mölndal, Kungälv och Alingsås, en del på distans"),
                ("Vem kan söka", "Anställda, varslade och arbetssökande från teknik- och fordonsindustrin"),
                ("Mentor", "En erfaren företagare i en bransch nära din"),
            ),
            "body": [
                heading("Från idé till första kund"),
                paragraph(
                    "<p>Många som har arbetat länge i industrin har en idé som har legat och grott: en "
                    "tjänst som kunderna efterfrågar, en produkt som saknas eller ett sätt att göra något "
                    "bättre. I Starta eget får du tid och stöd att pröva idén innan du satsar.</p>"
                ),
                heading("Programmet steg för steg"),
                paragraph(
                    "<ol><li><b>Idéverkstad</b> – två dagar där du formulerar din idé och vem den är till "
                    "för.</li>"
                    "<li><b>Affärsplan och ekonomi</b> – kurser i budget, prissättning, bolagsformer och "
                    "skatter.</li>"
                    "<li><b>Mentorskap</b> – du matchas med en erfaren företagare som du träffar "
                    "regelbundet.</li>"
                    "<li><b>Testa på riktigt</b> – du pratar med tänkta kunder och justerar "
                    "erbjudandet.</li>"
                    "<li><b>Uppföljning</b> – vi hör av oss efter sex månader och ser hur det har "
                    "gått.</li></ol>"
                ),
                paragraph(
                    "<p>Är du varslad kan du ofta kombinera programmet med stöd från din "
                    "omställningsorganisation. Vi hjälper dig att få ihop det.</p>"
                ),
                call_to_action(
                    title="Vill du veta mer?",
                    text="Kom på ett öppet hus eller kontakta oss för ett första samtal.",
                    button="Kontakta oss",
                    page="contact",
                ),
            ],
        },
        "en": {
            "title": "Start your own business",
            "slug": "start-your-own-business",
            "intro": (
                "Do you have a business idea you want to test? We help you from idea to first customer, "
                "with courses, a mentor and support with the practical questions."
            ),
            "audience": (
                "<p>For people who live or work in one of the 13 member municipalities and have worked in "
                "the technology or automotive industries – whether employed, under notice of redundancy or "
                "looking for work – and who want to find out whether a business of their own is the right "
                "path.</p>"
            ),
            "facts": facts(
                ("Length", "4 months"),
                ("Cost", "Free of charge"),
                ("Where", "Mölndal, Kungälv and Alingsås, partly online"),
                (
                    "Who can apply",
                    "Employed, under notice or job seekers from the technology and automotive industries",
                ),
                ("Mentor", "An experienced business owner in a field close to yours"),
            ),
            "body": [
                heading("From idea to first customer"),
                paragraph(
                    "<p>Many people who have worked in industry for a long time have an idea that has been "
                    "quietly growing: a service customers keep asking for, a product that is missing, or a "
                    "better way of doing something. Start your own business gives you the time and support "
                    "to "
                    "test the idea before you commit.</p>"
                ),
                heading("The programme step by step"),
                paragraph(
                    "<ol><li><b>Idea workshop</b> – two days in which you put your idea into words and work "
                    "out who it is for.</li>"
                    "<li><b>Business plan and finances</b> – courses in budgeting, pricing, company forms "
                    "and "
                    "tax.</li>"
                    "<li><b>Mentoring</b> – you are matched with an experienced business owner whom you meet "
                    "regularly.</li>"
                    "<li><b>Test it for real</b> – you talk to potential customers and adjust your "
                    "offer.</li>"
                    "<li><b>Follow-up</b> – we get in touch after six months to see how things have "
                    "gone.</li></ol>"
                ),
                paragraph(
                    "<p>If you are under notice of redundancy, you can often combine the programme with "
                    "support from your job security council. We help you fit the two together.</p>"
                ),
                call_to_action(
                    title="Want to know more?",
                    text="Come to an open house or contact us for a first conversation.",
                    button="Contact us",
                    page="contact",
                ),
            ],
        },
    },
    {
        "key": "programme-skills",
        "image": "programme-skills",
        "sv": {
            "title": "Kompetensutveckling",
            "slug": "kompetensutveckling",
            "intro": (
                "Korta kurser på 1–10 dagar som stärker dig i jobbet eller inför nästa: från kommunikation "
                "och ledarskap till robotprogrammering och elektrifiering. Studie- och yrkesvägledning ingår."
            ),
            "audience": (
                "<p>För dig som arbetar eller har arbetat inom teknik- eller fordonsindustrin i någon av de "
                "13 medlemskommunerna:</p>"
                "<ul><li><b>anställd</b> – kursdagarna planerar vi tillsammans med din arbetsgivare,</li>"
                "<li><b>varslad</b> – vi hjälper dig att välja kurser som gör dig redo för nästa jobb,</li>"
                "<li><b>arbetssökande</b> – kurserna går att kombinera med ditt sökande.</li></ul>"
            ),
            "facts": facts(
                ("Kurslängd", "1–10 dagar"),
                ("Kostnad", "Kostnadsfritt"),
                ("Var", "Kursorter i hela regionen, vissa kurser på distans"),
                ("Vem kan söka", "Anställda, varslade och arbetssökande från teknik- och fordonsindustrin"),
                ("Vägledning", "Studie- och yrkesvägledning ingår"),
            ),
            "body": [
                heading("Kurser som gör skillnad i vardagen"),
                paragraph(
                    "<p>Industrin förändras snabbt: mer automation, mer elektrifiering och nya sätt att "
                    "arbeta tillsammans. Våra kurser är korta och praktiska, så att du kan använda det du "
                    "lär "
                    "dig redan nästa arbetsdag.</p>"
                ),
                heading("Exempel på kurser", "h3"),
                paragraph(
                    "<ul><li>Kommunikation och feedback i arbetslaget (1 dag)</li>"
                    "<li>Ledarskap för arbetsledare och teamledare (3 dagar)</li>"
                    "<li>Grunder i robotprogrammering (5 dagar)</li>"
                    "<li>Elektrifiering och högvoltssäkerhet (2 dagar)</li>"
                    "<li>Lean och förbättringsarbete (2 dagar)</li>"
                    "<li>Digitala verktyg för produktionsplanering (3 dagar)</li>"
                    "<li>Svenska för yrket, med fokus på industrins språk (10 dagar)</li></ul>"
                ),
                heading("Studie- och yrkesvägledning"),
                paragraph(
                    "<p>Vet du inte riktigt vart du vill? Boka ett samtal med vår studie- och "
                    "yrkesvägledare. Tillsammans går ni igenom vad du kan, vad arbetsmarknaden efterfrågar "
                    "och vilka kurser eller utbildningar som tar dig dit.</p>"
                ),
                call_to_action(
                    title="Se alla nyheter om kurser",
                    text="Nya kurser läggs upp löpande under året.",
                    button="Till nyheterna",
                    page="news-index",
                ),
            ],
        },
        "en": {
            "title": "Competence development",
            "slug": "competence-development",
            "intro": (
                "Short courses of 1–10 days that strengthen you in your job or for the next one: from "
                "communication and leadership to robot programming and electrification. Study and career "
                "guidance is included."
            ),
            "audience": (
                "<p>For people who work or have worked in the technology or automotive industries in one of "
                "the 13 member municipalities:</p>"
                "<ul><li><b>employed</b> – we plan the course days together with your employer,</li>"
                "<li><b>under notice of redundancy</b> – we help you choose courses that prepare you for "
                "your next job,</li>"
                "<li><b>looking for work</b> – the courses fit around your job search.</li></ul>"
            ),
            "facts": facts(
                ("Course length", "1–10 days"),
                ("Cost", "Free of charge"),
                ("Where", "Venues across the region, some courses online"),
                (
                    "Who can apply",
                    "Employed, under notice or job seekers from the technology and automotive industries",
                ),
                ("Guidance", "Study and career guidance is included"),
            ),
            "body": [
                heading("Courses that make a difference day to day"),
                paragraph(
                    "<p>Industry is changing fast: more automation, more electrification and new ways of "
                    "working together. Our courses are short and practical, so you can use what you learn "
                    "the very next working day.</p>"
                ),
                heading("Examples of courses", "h3"),
                paragraph(
                    "<ul><li>Communication and feedback in the team (1 day)</li>"
                    "<li>Leadership for supervisors and team leaders (3 days)</li>"
                    "<li>Introduction to robot programming (5 days)</li>"
                    "<li>Electrification and high-voltage safety (2 days)</li>"
                    "<li>Lean and continuous improvement (2 days)</li>"
                    "<li>Digital tools for production planning (3 days)</li>"
                    "<li>Swedish for work, focused on the language of industry (10 days)</li></ul>"
                ),
                heading("Study and career guidance"),
                paragraph(
                    "<p>Not quite sure where you want to go? Book a conversation with our study and career "
                    "adviser. Together you look at what you can do, what employers are asking for, and which "
                    "courses or programmes will take you there.</p>"
                ),
                call_to_action(
                    title="See all news about courses",
                    text="New courses are added throughout the year.",
                    button="Go to the news",
                    page="news-index",
                ),
            ],
        },
    },
]


# --- Standard pages -------------------------------------------------------------------
# In this order, after the programme and news indexes: the site's menu and footer
# list the home page's children in tree order.

STANDARD_PAGES = [
    {
        "key": "about",
        "show_in_menus": True,
        "sv": {
            "title": "Om VästKraft",
            "slug": "om-vastkraft",
            "intro": (
                "VästKraft är ett regionalt program för kompetensutveckling och företagande i "
                "Göteborgsregionen, finansierat av Europeiska socialfonden."
            ),
            "body": [
                heading("Vad är VästKraft?"),
                paragraph(
                    "<p>Teknik- och fordonsindustrin är ryggraden i Västsveriges ekonomi, och den ställer om "
                    "snabbt. VästKraft finns för att de som arbetar i industrin ska kunna följa med i "
                    "förändringen – genom att utvecklas i jobbet, byta inriktning eller starta ett eget "
                    "företag.</p>"
                    f"<p>Bakom programmet står de 13 medlemskommunerna: {MUNICIPALITIES}. Tillsammans med "
                    "arbetsgivare, fackliga organisationer, omställningsorganisationer och "
                    "utbildningsanordnare erbjuder vi kurser, vägledning och mentorskap.</p>"
                ),
                heading("Våra mål"),
                paragraph(
                    "<p>Under programperioden ska 3 500 personer delta i VästKraft: 2 500 som är anställda "
                    "och 1 000 som söker arbete. Minst 1 000 av deltagarna ska vara kvinnor, och vi har "
                    "särskilda resurser för kvinnor som vill starta företag.</p>"
                    "<p>Vi följer upp hur det går för deltagarna: om de har kvar sitt jobb, har fått ett "
                    "nytt, "
                    "har börjat studera eller har startat ett företag. Resultaten redovisar vi till "
                    "Europeiska socialfonden.</p>"
                ),
                heading("Finansiering"),
                paragraph(
                    "<p>VästKraft medfinansieras av Europeiska unionen genom Europeiska socialfonden (ESF+) "
                    "och "
                    "av medlemskommunerna. Därför är allt vi erbjuder kostnadsfritt för deltagarna.</p>"
                ),
                quote(
                    "Vi vill att ingen ska behöva välja mellan att stanna i ett jobb som försvinner och att "
                    "stå helt utan stöd.",
                    "Programledningen för VästKraft",
                ),
                paragraph(
                    "<p><i>Det här är en demonstrationsversion av portalen. Organisationen, personerna, "
                    "adresserna och telefonnumren på webbplatsen är påhittade.</i></p>"
                ),
                call_to_action(
                    title="Hitta ditt program",
                    text=(
                        "Kompetensutveckling, starta eget eller kvinnors företagande – se vad som passar dig."
                    ),
                    button="Se programmen",
                    page="programme-index",
                ),
            ],
        },
        "en": {
            "title": "About VästKraft",
            "slug": "about",
            "intro": (
                "VästKraft is a regional programme for competence development and entrepreneurship in the "
                "Gothenburg region, funded by the European Social Fund."
            ),
            "body": [
                heading("What is VästKraft?"),
                paragraph(
                    "<p>The technology and automotive industries are the backbone of West Sweden's economy, "
                    "and they are changing fast. VästKraft exists so that the people who work in them can "
                    "keep up with the change – by developing in their jobs, changing direction or starting a "
                    "business of their own.</p>"
                    f"<p>The programme is run by its 13 member municipalities: {MUNICIPALITIES_EN}. Together "
                    "with employers, trade unions, job security councils and training providers we offer "
                    "courses, guidance and mentoring.</p>"
                ),
                heading("Our targets"),
                paragraph(
                    "<p>Over the programme period, 3,500 people will take part in VästKraft: 2,500 who are "
                    "employed and 1,000 who are looking for work. At least 1,000 of the participants will be "
                    "women, and we have dedicated resources for women who want to start a business.</p>"
                    "<p>We follow up how our participants get on: whether they keep their jobs, find new "
                    "ones, go on to education or start a business. We report the results to the European "
                    "Social Fund.</p>"
                ),
                heading("Funding"),
                paragraph(
                    "<p>VästKraft is co-funded by the European Union through the European Social Fund (ESF+) "
                    "and by the member municipalities. That is why everything we offer is free of charge for "
                    "participants.</p>"
                ),
                quote(
                    "Nobody should have to choose between staying in a job that is disappearing and being "
                    "left without any support.",
                    "The VästKraft programme management",
                ),
                paragraph(
                    "<p><i>This is a demonstration version of the portal. The organisation, people, "
                    "addresses "
                    "and telephone numbers on this website are invented.</i></p>"
                ),
                call_to_action(
                    title="Find your programme",
                    text=(
                        "Competence development, starting a business or women's entrepreneurship – see what "
                        "suits you."
                    ),
                    button="See the programmes",
                    page="programme-index",
                ),
            ],
        },
    },
    {
        "key": "contact",
        "show_in_menus": False,
        "sv": {
            "title": "Kontakt",
            "slug": "kontakt",
            "intro": "Hör gärna av dig – vi svarar på frågor om programmen, ansökan och mentorskapet.",
            "body": [
                heading("Programkontoret"),
                paragraph(
                    '<p>E-post: <a href="mailto:info@vastkraft.example">info@vastkraft.example</a><br>'
                    "Telefon: 031-390 06 50 (måndag–torsdag kl. 9–12 och 13–16)<br>"
                    "Besöksadress: Exempelgatan 1, 411 00 Göteborg</p>"
                    "<p>Vi svarar på e-post inom två arbetsdagar.</p>"
                ),
                heading("Frågor om mentorskap"),
                paragraph(
                    "<p>Vill du bli mentor eller har du frågor om ditt mentorskap? Skriv till "
                    '<a href="mailto:mentorskap@vastkraft.example">mentorskap@vastkraft.example</a>.</p>'
                ),
                heading("Skicka inga känsliga uppgifter med e-post"),
                paragraph(
                    "<p>Vanlig e-post är inte krypterad. Skriv därför inte personnummer, uppgifter om hälsa "
                    "eller andra känsliga uppgifter i e-post. Logga in på portalen om du vill ändra något i "
                    'din ansökan. Läs mer i vår <a linktype="page" id="{page:privacy}">'
                    "integritetspolicy</a>.</p>"
                ),
            ],
        },
        "en": {
            "title": "Contact",
            "slug": "contact",
            "intro": "Get in touch – we answer questions about the programmes, applying and mentoring.",
            "body": [
                heading("Programme office"),
                paragraph(
                    '<p>E-mail: <a href="mailto:info@vastkraft.example">info@vastkraft.example</a><br>'
                    "Telephone: +46 31 390 06 50 (Monday–Thursday 9–12 and 13–16)<br>"
                    "Visiting address: Exempelgatan 1, 411 00 Gothenburg</p>"
                    "<p>We answer e-mail within two working days.</p>"
                ),
                heading("Questions about mentoring"),
                paragraph(
                    "<p>Would you like to become a mentor, or do you have questions about your mentorship? "
                    "Write to <a "
                    'href="mailto:mentorskap@vastkraft.example">mentorskap@vastkraft.example</a>.</p>'
                ),
                heading("Please do not send sensitive information by e-mail"),
                paragraph(
                    "<p>Ordinary e-mail is not encrypted, so please do not include your personal identity "
                    "number, health information or other sensitive details. Sign in to the portal if you "
                    "want "
                    "to change something in your application. Read more in our "
                    '<a linktype="page" id="{page:privacy}">privacy policy</a>.</p>'
                ),
            ],
        },
    },
    {
        "key": "accessibility",
        "show_in_menus": False,
        "sv": {
            "title": "Tillgänglighetsredogörelse",
            "slug": "tillganglighetsredogorelse",
            "intro": (
                "VästKraft står bakom den här webbplatsen. Vi vill att så många som möjligt ska kunna "
                "använda "
                "den, och här beskriver vi hur den uppfyller lagen om tillgänglighet till digital offentlig "
                "service."
            ),
            "body": [
                heading("Hur tillgänglig är webbplatsen?"),
                paragraph(
                    "<p>Webbplatsen är byggd för att följa WCAG 2.1 på nivå AA. Den fungerar utan "
                    "JavaScript, "
                    "går att använda med enbart tangentbord och med skärmläsare, och texten går att förstora "
                    "utan att innehåll försvinner.</p>"
                    "<p>Vi känner till att delar av webbplatsen ännu inte är helt tillgängliga. De beskrivs "
                    "längre ner.</p>"
                ),
                heading("Vad kan du göra om du inte kan använda delar av webbplatsen?"),
                paragraph(
                    "<p>Om du behöver innehåll i ett annat format, till exempel som lättläst text eller "
                    "uppläst, kan du kontakta oss på "
                    '<a href="mailto:info@vastkraft.example">info@vastkraft.example</a> eller ringa '
                    "031-390 06 50. Vi svarar inom två arbetsdagar.</p>"
                ),
                heading("Rapportera brister i webbplatsens tillgänglighet"),
                paragraph(
                    "<p>Vi strävar hela tiden efter att förbättra webbplatsen. Om du upptäcker problem som "
                    "inte beskrivs på den här sidan, eller om du anser att vi inte uppfyller lagens krav, "
                    '<a linktype="page" id="{page:contact}">meddela oss</a> så att vi får veta att '
                    "problemet finns.</p>"
                ),
                heading("Tillsyn"),
                paragraph(
                    "<p>Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om "
                    "tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar "
                    'dina synpunkter kan du kontakta <a href="https://www.digg.se/">Digg</a> och påtala '
                    "det.</p>"
                ),
                heading("Innehåll som inte är tillgängligt"),
                paragraph(
                    "<ul><li>Några äldre PDF-dokument från programmets start saknar rubrikstruktur. Vi byter "
                    "ut dem mot tillgängliga versioner.</li>"
                    "<li>Diagrammen i programmets uppföljning har ännu inga fullständiga textbeskrivningar; "
                    "samma siffror finns i tabeller bredvid diagrammen.</li>"
                    "<li>Inspelade filmer från seminarier saknar ibland textning.</li></ul>"
                ),
                heading("Hur vi testat webbplatsen"),
                paragraph(
                    "<p>Vi har gjort en egen granskning av webbplatsen med automatiska verktyg, med "
                    "tangentbord och med skärmläsare. Redogörelsen ses över varje gång webbplatsen ändras i "
                    "större omfattning och minst en gång om året.</p>"
                ),
            ],
        },
        "en": {
            "title": "Accessibility statement",
            "slug": "accessibility-statement",
            "intro": (
                "VästKraft is responsible for this website. We want as many people as possible to be able to "
                "use it, and here we describe how it meets the Swedish Act on accessibility to digital "
                "public "
                "services."
            ),
            "body": [
                heading("How accessible is the website?"),
                paragraph(
                    "<p>The website is built to meet WCAG 2.1 level AA. It works without JavaScript, can be "
                    "used with a keyboard alone and with a screen reader, and text can be enlarged without "
                    "content disappearing.</p>"
                    "<p>We know that some parts of the website are not yet fully accessible. They are "
                    "described further down.</p>"
                ),
                heading("What to do if you cannot use parts of the website"),
                paragraph(
                    "<p>If you need content in another format, for example as easy-to-read text or read "
                    "aloud, contact us at "
                    '<a href="mailto:info@vastkraft.example">info@vastkraft.example</a> or call '
                    "+46 31 390 06 50. We answer within two working days.</p>"
                ),
                heading("Reporting accessibility problems"),
                paragraph(
                    "<p>We are always working to improve the website. If you find problems that are not "
                    "described on this page, or you think we do not meet the requirements of the law, "
                    '<a linktype="page" id="{page:contact}">let us know</a> so that we know the problem '
                    "exists.</p>"
                ),
                heading("Enforcement"),
                paragraph(
                    "<p>The Agency for Digital Government (Digg) supervises the Act on accessibility to "
                    "digital public services. If you are not satisfied with how we handle your comments, you "
                    'can contact <a href="https://www.digg.se/">Digg</a> and tell them.</p>'
                ),
                heading("Content that is not accessible"),
                paragraph(
                    "<ul><li>Some older PDF documents from the start of the programme lack a heading "
                    "structure. We are replacing them with accessible versions.</li>"
                    "<li>The charts in the programme's follow-up do not yet have full text descriptions; the "
                    "same figures are shown in tables next to the charts.</li>"
                    "<li>Recorded seminar videos sometimes lack captions.</li></ul>"
                ),
                heading("How we tested the website"),
                paragraph(
                    "<p>We have reviewed the website ourselves using automated tools, a keyboard and a "
                    "screen "
                    "reader. The statement is reviewed whenever the website changes substantially, and at "
                    "least once a year.</p>"
                ),
            ],
        },
    },
    {
        "key": "privacy",
        "show_in_menus": False,
        "sv": {
            "title": "Integritetspolicy",
            "slug": "integritetspolicy",
            "intro": (
                "Här beskriver vi vilka personuppgifter VästKraft behandlar om dig, varför vi gör det, hur "
                "länge vi sparar dem och vilka rättigheter du har enligt dataskyddsförordningen (GDPR)."
            ),
            "body": [
                heading("Personuppgiftsansvarig"),
                paragraph(
                    "<p>Personuppgiftsansvarig är VästKraft, som drivs gemensamt av de 13 "
                    "medlemskommunerna. Adress: Exempelgatan 1, 411 00 Göteborg. E-post: "
                    '<a href="mailto:info@vastkraft.example">info@vastkraft.example</a>.</p>'
                    "<p>Vårt dataskyddsombud når du på "
                    '<a href="mailto:dataskyddsombud@vastkraft.example">dataskyddsombud@vastkraft.example'
                    "</a>.</p>"
                ),
                heading("Vilka uppgifter vi behandlar"),
                paragraph(
                    "<ul><li><b>Kontaktuppgifter:</b> namn, e-postadress och telefonnummer.</li>"
                    "<li><b>Uppgifter i din ansökan:</b> din affärsidé, vilket stöd du behöver, önskemål om "
                    "mentor och eventuella bilagor.</li>"
                    "<li><b>Deltagaruppgifter som Europeiska socialfonden kräver:</b> kön, födelseår, "
                    "hemkommun, sysselsättning när du börjar, utbildningsnivå och bransch. När du börjar som "
                    "deltagare registreras du också med personnummer i Svenska ESF-rådets "
                    "deltagarredovisning.</li>"
                    "<li><b>Uppgifter från programmet:</b> kurser, mentorsmöten, mål och dina svar i "
                    "uppföljningsenkäter.</li>"
                    "<li><b>Tekniska uppgifter:</b> inloggningar och loggar som behövs för att hålla "
                    "portalen säker.</li></ul>"
                    "<p>Vi ber inte om uppgifter om din hälsa, etniska ursprung eller andra känsliga "
                    "personuppgifter. Skriv inte sådana uppgifter i fritextfälten.</p>"
                ),
                heading("Varför vi behandlar uppgifterna och med vilket stöd"),
                paragraph(
                    "<ul><li><b>För att hantera din ansökan och genomföra programmet</b> – kurser, "
                    "vägledning, matchning med mentor och uppföljning. Rättslig grund: uppgift av allmänt "
                    "intresse (artikel 6.1 e GDPR).</li>"
                    "<li><b>För att redovisa programmet till Svenska ESF-rådet och EU</b> – det krävs i EU:s "
                    "förordningar om Europeiska socialfonden (förordning (EU) 2021/1057 och 2021/1060). "
                    "Rättslig grund: rättslig förpliktelse (artikel 6.1 c).</li>"
                    "<li><b>För att följa upp hur det gick</b> – uppföljningsenkäter efter programmet och "
                    "sex månader senare. Det är frivilligt att svara. Rättslig grund: uppgift av allmänt "
                    "intresse (artikel 6.1 e).</li>"
                    "<li><b>För att skydda portalen</b> – loggning av inloggningar och av personalens "
                    "åtkomst till personuppgifter. Rättslig grund: uppgift av allmänt intresse (artikel "
                    "6.1 e).</li>"
                    "<li><b>Utskick om evenemang</b>, om du har bett om det. Rättslig grund: samtycke "
                    "(artikel 6.1 a), som du kan ta tillbaka när du vill.</li></ul>"
                ),
                heading("Vem som får ta del av uppgifterna"),
                paragraph(
                    "<ul><li>Programmets koordinatorer, som bara ser det de behöver för sitt arbete.</li>"
                    "<li>Din mentor, som ser ditt namn, din affärsidé, era mål och era gemensamma "
                    "anteckningar – inget annat.</li>"
                    "<li>Svenska ESF-rådet och Statistiska centralbyrån (SCB), som följer upp och "
                    "utvärderar socialfondens insatser.</li>"
                    "<li>Kursanordnare, som får namn och kontaktuppgifter för de kurser du är anmäld "
                    "till.</li>"
                    "<li>Våra IT-leverantörer, som personuppgiftsbiträden. Uppgifterna lagras inom EU/EES."
                    "</li></ul>"
                    "<p>Eftersom VästKraft drivs av kommuner kan handlingar hos oss bli allmänna handlingar. "
                    "Innan något lämnas ut prövar vi alltid om uppgifterna omfattas av sekretess.</p>"
                ),
                heading("Hur länge vi sparar uppgifterna"),
                paragraph(
                    "<ul><li>Ansökningar som inte leder till deltagande, och ansökningar som du drar "
                    "tillbaka, raderas tolv månader efter beslutet.</li>"
                    "<li>Privata anteckningar från mentorsmöten raderas tolv månader efter att "
                    "mentorskapet har avslutats.</li>"
                    "<li>Deltagaruppgifter som vi måste redovisa till socialfonden sparas i fem år från den "
                    "31 december det år då den sista utbetalningen till programmet gjordes, som EU:s regler "
                    "kräver. Därefter raderas de eller arkiveras enligt arkivlagen.</li>"
                    "<li>Loggar sparas i tolv månader.</li></ul>"
                    "<p>Om du begär att få dina uppgifter raderade innan dess, tar vi bort allt vi inte är "
                    "skyldiga att spara och avidentifierar det som behövs för programmets statistik.</p>"
                ),
                heading("Dina rättigheter"),
                paragraph(
                    "<p>Du har rätt att få veta vilka uppgifter vi har om dig (registerutdrag), att få fel "
                    "rättade, att få uppgifter raderade eller behandlingen begränsad, och att invända mot "
                    "behandling som grundar sig på allmänt intresse. När du är inloggad kan du ladda ner "
                    "alla uppgifter vi har om dig och begära radering direkt i portalen.</p>"
                    "<p>Vissa uppgifter måste vi spara för att uppfylla EU:s krav på redovisning, även om "
                    "du ber oss radera dem. Då förklarar vi vilka och varför.</p>"
                    "<p>Om du anser att vi behandlar dina uppgifter felaktigt kan du lämna klagomål till "
                    '<a href="https://www.imy.se/">Integritetsskyddsmyndigheten (IMY)</a>.</p>'
                ),
                heading("Kakor"),
                paragraph(
                    "<p>Webbplatsen använder bara de kakor som behövs för att den ska fungera: en för "
                    "inloggningen, en som skyddar formulären och en som kommer ihåg ditt språkval. Vi "
                    "använder inga kakor för statistik eller marknadsföring.</p>"
                ),
                heading("Frågor"),
                paragraph(
                    "<p>Har du frågor om hur vi behandlar dina personuppgifter? "
                    '<a linktype="page" id="{page:contact}">Kontakta oss</a> eller skriv till vårt '
                    "dataskyddsombud.</p>"
                ),
            ],
        },
        "en": {
            "title": "Privacy policy",
            "slug": "privacy-policy",
            "intro": (
                "This page describes the personal data VästKraft processes about you, why we do so, how long "
                "we keep it and the rights you have under the General Data Protection Regulation (GDPR)."
            ),
            "body": [
                heading("Controller"),
                paragraph(
                    "<p>The controller is VästKraft, run jointly by its 13 member municipalities. Address: "
                    "Exempelgatan 1, 411 00 Gothenburg, Sweden. E-mail: "
                    '<a href="mailto:info@vastkraft.example">info@vastkraft.example</a>.</p>'
                    "<p>You can reach our data protection officer at "
                    '<a href="mailto:dataskyddsombud@vastkraft.example">dataskyddsombud@vastkraft.example'
                    "</a>.</p>"
                ),
                heading("The data we process"),
                paragraph(
                    "<ul><li><b>Contact details:</b> name, e-mail address and telephone number.</li>"
                    "<li><b>Your application:</b> your business idea, the support you need, your wishes for "
                    "a mentor and any attachments.</li>"
                    "<li><b>Participant data required by the European Social Fund:</b> gender, year of "
                    "birth, municipality, employment status when you start, level of education and "
                    "industry. When you start as a participant you are also registered with your personal "
                    "identity number in the Swedish ESF Council's participant records.</li>"
                    "<li><b>Data from the programme:</b> courses, mentoring meetings, goals and your answers "
                    "to follow-up surveys.</li>"
                    "<li><b>Technical data:</b> sign-ins and logs needed to keep the portal secure.</li></ul>"
                    "<p>We do not ask about your health, ethnic origin or other sensitive personal data. "
                    "Please do not write such information in the free-text fields.</p>"
                ),
                heading("Why we process the data, and on what legal basis"),
                paragraph(
                    "<ul><li><b>To handle your application and run the programme</b> – courses, guidance, "
                    "matching with a mentor and follow-up. Legal basis: a task carried out in the public "
                    "interest (Article 6(1)(e) GDPR).</li>"
                    "<li><b>To report on the programme to the Swedish ESF Council and the EU</b> – required "
                    "by the EU regulations on the European Social Fund (Regulations (EU) 2021/1057 and "
                    "2021/1060). Legal basis: legal obligation (Article 6(1)(c)).</li>"
                    "<li><b>To follow up how things went</b> – surveys after the programme and six months "
                    "later. Answering is voluntary. Legal basis: public interest (Article 6(1)(e)).</li>"
                    "<li><b>To protect the portal</b> – logging of sign-ins and of staff access to personal "
                    "data. Legal basis: public interest (Article 6(1)(e)).</li>"
                    "<li><b>Invitations to events</b>, if you have asked for them. Legal basis: consent "
                    "(Article 6(1)(a)), which you can withdraw at any time.</li></ul>"
                ),
                heading("Who receives the data"),
                paragraph(
                    "<ul><li>The programme's coordinators, who see only what they need for their work.</li>"
                    "<li>Your mentor, who sees your name, your business idea, your goals and your shared "
                    "notes – nothing else.</li>"
                    "<li>The Swedish ESF Council and Statistics Sweden (SCB), which follow up and evaluate "
                    "the fund's activities.</li>"
                    "<li>Course providers, who receive the name and contact details for the courses you have "
                    "signed up for.</li>"
                    "<li>Our IT suppliers, as processors. The data is stored within the EU/EEA.</li></ul>"
                    "<p>Because VästKraft is run by municipalities, documents we hold may become official "
                    "documents under Swedish law. Before releasing anything we always consider whether the "
                    "information is confidential.</p>"
                ),
                heading("How long we keep the data"),
                paragraph(
                    "<ul><li>Applications that do not lead to participation, and applications you withdraw, "
                    "are deleted twelve months after the decision.</li>"
                    "<li>Private notes from mentoring meetings are deleted twelve months after the "
                    "mentorship ends.</li>"
                    "<li>Participant data we must report to the fund is kept for five years from 31 December "
                    "of the year in which the last payment to the programme was made, as EU rules require. "
                    "After that it is deleted or archived under the Swedish Archives Act.</li>"
                    "<li>Logs are kept for twelve months.</li></ul>"
                    "<p>If you ask us to erase your data before then, we delete everything we are not "
                    "obliged to keep and anonymise what the programme's statistics need.</p>"
                ),
                heading("Your rights"),
                paragraph(
                    "<p>You have the right to know what data we hold about you, to have mistakes corrected, "
                    "to have data erased or its processing restricted, and to object to processing based on "
                    "the public interest. When signed in, you can download all the data we hold about you "
                    "and ask for erasure directly in the portal.</p>"
                    "<p>Some data we must keep to meet the EU's reporting requirements, even if you ask us "
                    "to "
                    "erase it. If so, we explain which data and why.</p>"
                    "<p>If you think we are processing your data incorrectly, you can complain to the "
                    '<a href="https://www.imy.se/">Swedish Authority for Privacy Protection (IMY)</a>.</p>'
                ),
                heading("Cookies"),
                paragraph(
                    "<p>The website uses only the cookies it needs to work: one for signing in, one that "
                    "protects the forms and one that remembers your choice of language. We use no cookies "
                    "for statistics or marketing.</p>"
                ),
                heading("Questions"),
                paragraph(
                    "<p>Do you have questions about how we process your personal data? "
                    '<a linktype="page" id="{page:contact}">Contact us</a> or write to our data '
                    "protection officer.</p>"
                ),
            ],
        },
    },
]


# --- News ---------------------------------------------------------------------------
# `days_ago` places each item relative to the day the demo is loaded, so the
# news always looks recent. `event_in_days` (optional) puts an event that many
# days after the item's date, moved on to the next `event_weekday` (0 = Monday);
# "{event}" in the texts becomes that date.

NEWS = [
    {
        "key": "news-intake",
        # Agrees with the demo's intakes (applications.py): only Kvinnors företagande is open.
        "days_ago": 3,
        "image": "news-intake",
        "tags": {"sv": ["intag", "kompetens"], "en": ["intake", "skills"]},
        "sv": {
            "title": "Kvinnors företagande tar emot ansökningar",
            "slug": "nu-oppnar-intaget",
            "intro": (
                "Just nu kan du söka till Kvinnors företagande, programmet för dig som är kvinna och vill "
                "starta eget och som arbetar, är varslad eller söker jobb inom teknik- och fordonsindustrin."
            ),
            "body": [
                paragraph(
                    "<p>Du söker direkt här på webbplatsen, och du kan spara din ansökan och fortsätta "
                    "senare. Sista dagen att söka står på programsidan. När intaget har stängt läser vi alla "
                    "ansökningar och hör av oss inom tre veckor.</p>"
                ),
                paragraph(
                    "<p>Starta eget och Kompetensutveckling tar inte emot ansökningar just nu. På deras "
                    "programsidor ser du när nästa intag öppnar.</p>"
                ),
                heading("Nytt i den här omgången"),
                paragraph(
                    "<ul><li>Fler träffar på distans, så att du slipper resa.</li>"
                    "<li>En ny kurs i elektrifiering och högvoltssäkerhet.</li>"
                    "<li>Kvällsträffar för dig som vill starta eget vid sidan av jobbet.</li></ul>"
                ),
                call_to_action(
                    title="Läs om programmet",
                    text="Läs om Kvinnors företagande och sök medan intaget är öppet.",
                    button="Till Kvinnors företagande",
                    page="programme-women",
                ),
            ],
        },
        "en": {
            "title": "Women's entrepreneurship is taking applications",
            "slug": "applications-open",
            "intro": (
                "You can now apply to Women's entrepreneurship, the programme for women who want to start a "
                "business and who work, are under notice or are looking for work in the technology and "
                "automotive industries."
            ),
            "body": [
                paragraph(
                    "<p>You apply directly on this website, and you can save your application and carry on "
                    "later. The programme page gives the last day to apply. When the intake closes we read "
                    "every application and get back to you within three weeks.</p>"
                ),
                paragraph(
                    "<p>Start your own business and Competence development are not taking applications "
                    "right now. Their programme pages say when the next intake opens.</p>"
                ),
                heading("New this round"),
                paragraph(
                    "<ul><li>More meetings online, so you don't have to travel.</li>"
                    "<li>A new course in electrification and high-voltage safety.</li>"
                    "<li>Evening meetings for those who want to start a business alongside their job."
                    "</li></ul>"
                ),
                call_to_action(
                    title="Read about the programme",
                    text="Read about Women's entrepreneurship and apply while the intake is open.",
                    button="Go to Women's entrepreneurship",
                    page="programme-women",
                ),
            ],
        },
    },
    {
        "key": "news-mentor-evening",
        "days_ago": 9,
        "event_in_days": 10,
        "event_weekday": 1,
        "image": "news-mentor-evening",
        "tags": {"sv": ["mentorskap", "evenemang"], "en": ["mentoring", "events"]},
        "sv": {
            "title": "Mentorskväll i Kungälv: möt erfarna företagare",
            "slug": "mentorskvall-i-kungalv",
            "intro": (
                "Funderar du på att starta eget? Kom till vår mentorskväll i Kungälv {event} och träffa "
                "företagare som har gjort resan före dig."
            ),
            "body": [
                paragraph(
                    "<p>Under kvällen berättar tre av våra mentorer hur de startade sina företag – en inom "
                    "verktygsmakeri, en inom teknisk konsultverksamhet och en som driver en verkstad för "
                    "elbilar. Efteråt finns tid att ställa frågor och prata i mindre grupper.</p>"
                ),
                heading("Praktiskt"),
                paragraph(
                    "<p><b>När:</b> {event}, kl. 17.30–19.30<br>"
                    "<b>Var:</b> Kungälvs bibliotek, konferensrummet<br>"
                    "<b>Kostnad:</b> Kostnadsfritt, vi bjuder på smörgås och kaffe</p>"
                    "<p>Anmäl dig senast två dagar innan, så att vi vet hur mycket mat vi ska beställa.</p>"
                ),
                call_to_action(
                    title="Anmälan",
                    text="Skicka namn och eventuell specialkost till oss, så är du anmäld.",
                    button="Kontakta oss",
                    page="contact",
                ),
            ],
        },
        "en": {
            "title": "Mentor evening in Kungälv: meet experienced business owners",
            "slug": "mentor-evening-in-kungalv",
            "intro": (
                "Thinking about starting a business? Come to our mentor evening in Kungälv on {event} and "
                "meet business owners who have made the journey before you."
            ),
            "body": [
                paragraph(
                    "<p>During the evening three of our mentors tell how they started their businesses – one "
                    "in toolmaking, one in technical consulting and one who runs a workshop for electric "
                    "cars. Afterwards there is time for questions and conversations in smaller groups.</p>"
                ),
                heading("Practical details"),
                paragraph(
                    "<p><b>When:</b> {event}, 17.30–19.30<br>"
                    "<b>Where:</b> Kungälv library, conference room<br>"
                    "<b>Cost:</b> Free of charge – sandwiches and coffee are on us</p>"
                    "<p>Please sign up at least two days in advance so that we know how much food to "
                    "order.</p>"
                ),
                call_to_action(
                    title="Sign up",
                    text="Send us your name and any dietary requirements, and you are signed up.",
                    button="Contact us",
                    page="contact",
                ),
            ],
        },
    },
    {
        "key": "news-breakfast",
        "days_ago": 17,
        "event_in_days": 12,
        "event_weekday": 3,
        "image": "news-breakfast",
        "tags": {"sv": ["evenemang", "företagande"], "en": ["events", "entrepreneurship"]},
        "sv": {
            "title": "Frukostseminarium i Mölndal: från varsel till eget företag",
            "slug": "frukostseminarium-i-molndal",
            "intro": (
                "Hur går det till att starta företag efter ett varsel? Vi bjuder in till frukostseminarium i "
                "Mölndal {event} om ekonomi, trygghet och första stegen."
            ),
            "body": [
                paragraph(
                    "<p>Att bli varslad kan kännas som ett slag, men för många blir det också starten på "
                    "något nytt. På seminariet går vi igenom hur du kan kombinera stöd från din "
                    "omställningsorganisation med VästKrafts program, vad du behöver tänka på när det gäller "
                    "a-kassa och ersättning, och hur du testar din idé utan att ta onödiga risker.</p>"
                ),
                heading("Program"),
                paragraph(
                    "<ul><li>07.30 Frukost</li>"
                    "<li>08.00 Från varsel till företag – vad säger reglerna?</li>"
                    "<li>08.30 En mentor berättar: mina första två år som företagare</li>"
                    "<li>09.00 Frågor och samtal</li></ul>"
                    "<p>Seminariet hålls på Mölndals stadsbibliotek. Det är kostnadsfritt och öppet för "
                    "alla som bor eller arbetar i någon av medlemskommunerna.</p>"
                ),
                call_to_action(
                    title="Läs mer om Starta eget",
                    text="Programmet för dig som vill pröva en affärsidé.",
                    button="Till programmet",
                    page="programme-start",
                ),
            ],
        },
        "en": {
            "title": "Breakfast seminar in Mölndal: from redundancy notice to your own business",
            "slug": "breakfast-seminar-in-molndal",
            "intro": (
                "How do you start a business after being given notice? We invite you to a breakfast seminar "
                "in Mölndal on {event} about finances, security and the first steps."
            ),
            "body": [
                paragraph(
                    "<p>Being given notice can feel like a blow, but for many it is also the start of "
                    "something new. At the seminar we explain how you can combine support from your job "
                    "security council with VästKraft's programmes, what to think about regarding "
                    "unemployment insurance and benefits, and how to test your idea without taking "
                    "unnecessary risks.</p>"
                ),
                heading("Programme"),
                paragraph(
                    "<ul><li>07.30 Breakfast</li>"
                    "<li>08.00 From notice to business – what do the rules say?</li>"
                    "<li>08.30 A mentor's story: my first two years in business</li>"
                    "<li>09.00 Questions and conversation</li></ul>"
                    "<p>The seminar takes place at Mölndal city library. It is free of charge and open to "
                    "everyone who lives or works in one of the member municipalities.</p>"
                ),
                call_to_action(
                    title="Read more about Start your own business",
                    text="The programme for those who want to test a business idea.",
                    button="Go to the programme",
                    page="programme-start",
                ),
            ],
        },
    },
    {
        "key": "news-robot",
        "days_ago": 26,
        "image": "news-robot",
        "tags": {"sv": ["kompetens"], "en": ["skills"]},
        "sv": {
            "title": "Ny kurs: grunder i robotprogrammering",
            "slug": "ny-kurs-robotprogrammering",
            "intro": (
                "Allt fler arbetsmoment i industrin utförs av robotar. I vår nya femdagarskurs lär du dig "
                "programmera en industrirobot – ingen tidigare erfarenhet krävs."
            ),
            "body": [
                paragraph(
                    "<p>Kursen ges i samarbete med en yrkeshögskola i regionen och hålls i deras "
                    "robotverkstad. Du arbetar hela tiden praktiskt, två och två vid en robotcell.</p>"
                ),
                heading("Det här lär du dig"),
                paragraph(
                    "<ul><li>säkerhet runt robotceller,</li>"
                    "<li>att köra en robot manuellt och lära in positioner,</li>"
                    "<li>att skriva och ändra enkla program,</li>"
                    "<li>felsökning när något inte går som planerat.</li></ul>"
                ),
                quote(
                    "Många tror att robotprogrammering är något för ingenjörer. Men den som har stått vid "
                    "en produktionslina vet redan det viktigaste: hur jobbet ska bli rätt.",
                    "Kursledaren",
                ),
                call_to_action(
                    title="Sök kursen",
                    text="Kursen ingår i programmet Kompetensutveckling.",
                    button="Till programmet",
                    page="programme-skills",
                ),
            ],
        },
        "en": {
            "title": "New course: introduction to robot programming",
            "slug": "new-course-robot-programming",
            "intro": (
                "More and more tasks in industry are done by robots. In our new five-day course you learn to "
                "program an industrial robot – no previous experience needed."
            ),
            "body": [
                paragraph(
                    "<p>The course is run together with a higher vocational school in the region and takes "
                    "place in its robot workshop. You work hands-on throughout, in pairs at a robot "
                    "cell.</p>"
                ),
                heading("What you will learn"),
                paragraph(
                    "<ul><li>safety around robot cells,</li>"
                    "<li>jogging a robot by hand and teaching it positions,</li>"
                    "<li>writing and changing simple programs,</li>"
                    "<li>troubleshooting when things don't go to plan.</li></ul>"
                ),
                quote(
                    "Many people think robot programming is for engineers. But anyone who has worked on a "
                    "production line already knows the most important thing: how the job should be done "
                    "right.",
                    "The course leader",
                ),
                call_to_action(
                    title="Apply for the course",
                    text="The course is part of the Competence development programme.",
                    button="Go to the programme",
                    page="programme-skills",
                ),
            ],
        },
    },
    {
        "key": "news-story",
        "days_ago": 34,
        "image": "news-story",
        "tags": {"sv": ["företagande", "kvinnors företagande"], "en": ["entrepreneurship", "women founders"]},
        "sv": {
            "title": "Från varsel till egen firma: Noras berättelse",
            "slug": "noras-berattelse",
            "intro": (
                "Efter femton år som kvalitetstekniker hos en underleverantör blev Nora varslad. I dag "
                "driver "
                "hon en egen konsultfirma inom kvalitetssäkring."
            ),
            "body": [
                paragraph(
                    "<p><i>Nora är en påhittad person i portalens demoinnehåll, men hennes väg liknar många "
                    "deltagares.</i></p>"
                ),
                paragraph(
                    "<p>– När varslet kom var min första tanke att jag måste hitta ett nytt jobb så snabbt "
                    "som möjligt, säger Nora. Men en kollega tipsade om VästKraft, och på ett öppet hus "
                    "insåg jag att det jag har gjort i femton år är något som många mindre företag behöver "
                    "men inte har råd att anställa för.</p>"
                ),
                heading("En mentor som ställde rätt frågor"),
                paragraph(
                    "<p>I programmet Kvinnors företagande matchades Nora med en mentor som själv hade drivit "
                    "ett konsultföretag i tjugo år. De träffades varannan vecka under ett halvår.</p>"
                    "<p>– Hon gav mig sällan svar, men hon ställde frågor som jag inte hade tänkt på. Vad "
                    "ska "
                    "jag ta betalt? Vem är min första kund? Vad gör jag om det tar längre tid än jag "
                    "tror?</p>"
                ),
                quote(
                    "Det bästa rådet jag fick var att ringa tre tänkta kunder innan jag skrev en enda rad i "
                    "affärsplanen.",
                    "Nora (påhittad deltagare)",
                ),
                paragraph(
                    "<p>I dag har Nora fyra återkommande kunder i Mölndal och Göteborg och har precis tagit "
                    "emot en praktikant från en yrkeshögskola.</p>"
                ),
                call_to_action(
                    title="Vill du också starta eget?",
                    text="Läs om programmet för kvinnor som vill bli företagare.",
                    button="Kvinnors företagande",
                    page="programme-women",
                ),
            ],
        },
        "en": {
            "title": "From redundancy notice to her own firm: Nora's story",
            "slug": "noras-story",
            "intro": (
                "After fifteen years as a quality engineer at an automotive supplier, Nora was given notice. "
                "Today she runs her own consultancy in quality assurance."
            ),
            "body": [
                paragraph(
                    "<p><i>Nora is an invented person in the portal's demo content, but her path is like "
                    "that "
                    "of many participants.</i></p>"
                ),
                paragraph(
                    '<p>"When the notice came, my first thought was that I had to find a new job as fast as '
                    'possible," says Nora. "But a colleague told me about VästKraft, and at an open house I '
                    "realised that what I had been doing for fifteen years is something many smaller "
                    "companies need but can't afford to hire someone for.\"</p>"
                ),
                heading("A mentor who asked the right questions"),
                paragraph(
                    "<p>In the Women's entrepreneurship programme Nora was matched with a mentor who had run "
                    "a consultancy for twenty years. They met every other week for six months.</p>"
                    "<p>\"She rarely gave me answers, but she asked questions I hadn't thought of. What "
                    "should I charge? Who is my first customer? What do I do if it takes longer than I "
                    'think?"</p>'
                ),
                quote(
                    "The best advice I got was to call three potential customers before writing a single "
                    "line of the business plan.",
                    "Nora (an invented participant)",
                ),
                paragraph(
                    "<p>Today Nora has four regular customers in Mölndal and Gothenburg and has just taken "
                    "on an intern from a higher vocational school.</p>"
                ),
                call_to_action(
                    title="Want to start a business too?",
                    text="Read about the programme for women who want to become entrepreneurs.",
                    button="Women's entrepreneurship",
                    page="programme-women",
                ),
            ],
        },
    },
    {
        "key": "news-guidance",
        "days_ago": 43,
        "image": "news-guidance",
        "tags": {"sv": ["kompetens"], "en": ["skills"]},
        "sv": {
            "title": "Studie- och yrkesvägledning nu även på kvällstid",
            "slug": "vagledning-pa-kvallstid",
            "intro": (
                "Det är svårt att boka ett samtal under arbetsdagen. Därför erbjuder vi nu vägledning även "
                "på tisdags- och torsdagskvällar, på plats eller via video."
            ),
            "body": [
                paragraph(
                    "<p>Vår studie- och yrkesvägledare hjälper dig att se vad du redan kan, vilka yrken som "
                    "efterfrågas i regionen och vilka kurser eller utbildningar som tar dig dit. Samtalet "
                    "tar ungefär en timme och är kostnadsfritt.</p>"
                ),
                heading("Så bokar du"),
                paragraph(
                    "<p>Logga in på portalen och välj en tid, eller ring programkontoret. Vägledningen finns "
                    "på svenska och engelska, och vi ordnar tolk om du behöver.</p>"
                ),
                call_to_action(
                    title="Frågor om vägledningen?",
                    text="Vi berättar gärna mer.",
                    button="Kontakta oss",
                    page="contact",
                ),
            ],
        },
        "en": {
            "title": "Study and career guidance now also in the evenings",
            "slug": "guidance-in-the-evenings",
            "intro": (
                "It is hard to book a conversation during the working day. So we now also offer guidance on "
                "Tuesday and Thursday evenings, in person or by video."
            ),
            "body": [
                paragraph(
                    "<p>Our study and career adviser helps you see what you can already do, which "
                    "occupations are in demand in the region and which courses or programmes will take you "
                    "there. The conversation takes about an hour and is free of charge.</p>"
                ),
                heading("How to book"),
                paragraph(
                    "<p>Sign in to the portal and choose a time, or call the programme office. Guidance is "
                    "available in Swedish and English, and we can arrange an interpreter if you need "
                    "one.</p>"
                ),
                call_to_action(
                    title="Questions about guidance?",
                    text="We are happy to tell you more.",
                    button="Contact us",
                    page="contact",
                ),
            ],
        },
    },
    {
        "key": "news-mentoring",
        "days_ago": 52,
        "image": "news-mentoring",
        "tags": {"sv": ["mentorskap", "företagande"], "en": ["mentoring", "entrepreneurship"]},
        "sv": {
            "title": "Så fungerar mentorskapet i VästKraft",
            "slug": "sa-fungerar-mentorskapet",
            "intro": (
                "Alla som startar företag genom VästKraft får en mentor. Men hur går matchningen till, och "
                "vad kan du förvänta dig av era möten?"
            ),
            "body": [
                heading("Matchningen"),
                paragraph(
                    "<p>När du har antagits matchar vi dig med en mentor utifrån bransch, vad du behöver "
                    "hjälp med, språk och var du bor. Vill du ha en kvinnlig mentor tar vi hänsyn till det. "
                    "Din koordinator berättar varför ni har matchats, och mentorn tackar ja innan ni "
                    "börjar.</p>"
                ),
                heading("Mötena"),
                paragraph(
                    "<p>Ni träffas ungefär varannan vecka, på plats eller via video. Vid första mötet sätter "
                    "ni upp två eller tre mål tillsammans. Mentorn för anteckningar som ni båda kan läsa, så "
                    "att det är lätt att se vad ni har kommit överens om.</p>"
                ),
                heading("Efteråt"),
                paragraph(
                    "<p>När mentorskapet är slut får du en kort enkät, och sex månader senare hör vi av oss "
                    "igen. Dina svar hjälper oss att göra programmet bättre för nästa omgång.</p>"
                ),
            ],
        },
        "en": {
            "title": "How mentoring works in VästKraft",
            "slug": "how-mentoring-works",
            "intro": (
                "Everyone who starts a business through VästKraft gets a mentor. But how does matching work, "
                "and what can you expect from your meetings?"
            ),
            "body": [
                heading("Matching"),
                paragraph(
                    "<p>Once you have been accepted, we match you with a mentor based on industry, what you "
                    "need help with, language and where you live. If you would like a woman mentor, we take "
                    "that into account. Your coordinator explains why you have been matched, and the mentor "
                    "accepts before you begin.</p>"
                ),
                heading("The meetings"),
                paragraph(
                    "<p>You meet about every other week, in person or by video. At the first meeting you set "
                    "two or three goals together. The mentor keeps notes that you can both read, so it is "
                    "easy to see what you have agreed on.</p>"
                ),
                heading("Afterwards"),
                paragraph(
                    "<p>When the mentorship ends you receive a short survey, and six months later we get in "
                    "touch again. Your answers help us make the programme better for the next round.</p>"
                ),
            ],
        },
    },
    {
        "key": "news-women-network",
        "days_ago": 61,
        "image": "news-women-network",
        "tags": {"sv": ["kvinnors företagande", "evenemang"], "en": ["women founders", "events"]},
        "sv": {
            "title": "Kvinnliga grundare möttes på Tjörn",
            "slug": "kvinnliga-grundare-pa-tjorn",
            "intro": (
                "Tjugo kvinnor som startar eller nyss har startat företag samlades för en dag med "
                "erfarenhetsutbyte, workshops och havsutsikt."
            ),
            "body": [
                paragraph(
                    "<p>Nätverksdagen är en del av programmet Kvinnors företagande. Deltagarna kom från nio "
                    "av de tretton medlemskommunerna, med företag inom allt från mekanisk konstruktion till "
                    "utbildning och hållbar logistik.</p>"
                ),
                paragraph(
                    "<p>På förmiddagen handlade workshoppen om att sätta pris på sina tjänster. Efter lunch "
                    "delade deltagarna med sig av vad som har varit svårast hittills – och vad som har "
                    "fungerat.</p>"
                ),
                quote(
                    "Det var skönt att höra att alla andra också tvekar inför att skicka sin första offert.",
                    "En av deltagarna",
                ),
                paragraph("<p>Nästa nätverksträff blir i Alingsås. Alla i programmet får en inbjudan.</p>"),
            ],
        },
        "en": {
            "title": "Women founders met on Tjörn",
            "slug": "women-founders-on-tjorn",
            "intro": (
                "Twenty women who are starting or have just started businesses gathered for a day of shared "
                "experience, workshops and sea views."
            ),
            "body": [
                paragraph(
                    "<p>The network day is part of the Women's entrepreneurship programme. The participants "
                    "came from nine of the thirteen member municipalities, with businesses ranging from "
                    "mechanical design to training and sustainable logistics.</p>"
                ),
                paragraph(
                    "<p>In the morning the workshop was about pricing your services. After lunch the "
                    "participants shared what has been hardest so far – and what has worked.</p>"
                ),
                quote(
                    "It was a relief to hear that everyone else also hesitates before sending their first "
                    "quote.",
                    "One of the participants",
                ),
                paragraph(
                    "<p>The next network meeting will be in Alingsås. Everyone in the programme will be "
                    "invited.</p>"
                ),
            ],
        },
    },
    {
        "key": "news-communication",
        "days_ago": 74,
        "image": "news-communication",
        "tags": {"sv": ["kompetens"], "en": ["skills"]},
        "sv": {
            "title": "Kurs i kommunikation och ledarskap för arbetsledare",
            "slug": "kurs-kommunikation-och-ledarskap",
            "intro": (
                "Är du ny som arbetsledare eller teamledare i produktionen? I den här tredagarskursen "
                "övar du på svåra samtal, feedback och att leda förändring."
            ),
            "body": [
                paragraph(
                    "<p>Många arbetsledare i industrin har gått från att vara en i laget till att leda "
                    "det. Kursen ger verktyg för det som sällan står i någon arbetsbeskrivning: att ge "
                    "feedback som går fram, hantera konflikter och förklara förändringar så att de blir "
                    "begripliga.</p>"
                ),
                heading("Upplägg"),
                paragraph(
                    "<p>Tre heldagar med ungefär en veckas mellanrum, så att du hinner pröva det du lärt dig "
                    "på jobbet. Kursen hålls i Göteborg och Alingsås. Är du anställd planerar vi kursdagarna "
                    "tillsammans med din arbetsgivare.</p>"
                ),
                call_to_action(
                    title="Sök kursen",
                    text="Kursen ingår i programmet Kompetensutveckling.",
                    button="Till programmet",
                    page="programme-skills",
                ),
            ],
        },
        "en": {
            "title": "Course in communication and leadership for supervisors",
            "slug": "course-communication-and-leadership",
            "intro": (
                "Are you new as a supervisor or team leader in production? In this three-day course you "
                "practise difficult conversations, feedback and leading change."
            ),
            "body": [
                paragraph(
                    "<p>Many supervisors in industry have gone from being one of the team to leading it. The "
                    "course gives you tools for what rarely appears in any job description: giving feedback "
                    "that lands, handling conflict and explaining change so that it makes sense.</p>"
                ),
                heading("Format"),
                paragraph(
                    "<p>Three full days about a week apart, so that you have time to try out what you have "
                    "learnt at work. The course takes place in Gothenburg and Alingsås. If you are employed, "
                    "we plan the course days together with your employer.</p>"
                ),
                call_to_action(
                    title="Apply for the course",
                    text="The course is part of the Competence development programme.",
                    button="Go to the programme",
                    page="programme-skills",
                ),
            ],
        },
    },
    {
        "key": "news-mentors-wanted",
        "days_ago": 87,
        "image": "news-mentors-wanted",
        "tags": {"sv": ["mentorskap"], "en": ["mentoring"]},
        "sv": {
            "title": "Vi söker fler mentorer",
            "slug": "vi-soker-fler-mentorer",
            "intro": (
                "Har du drivit företag i några år och vill dela med dig av det du har lärt dig? Bli mentor i "
                "VästKraft – vi behöver särskilt fler kvinnor och fler som talar arabiska, persiska eller "
                "somaliska."
            ),
            "body": [
                paragraph(
                    "<p>Som mentor träffar du en nystartad företagare ungefär varannan vecka under fyra till "
                    "sex månader. Du bestämmer själv hur många du har plats för, och du kan pausa när du "
                    "behöver.</p>"
                ),
                heading("Vad vi erbjuder dig"),
                paragraph(
                    "<ul><li>en introduktion till mentorsrollen,</li>"
                    "<li>ett nätverk av andra mentorer, med träffar två gånger per termin,</li>"
                    "<li>stöd från en koordinator under hela mentorskapet.</li></ul>"
                    "<p>Uppdraget är ideellt, men resor och fika står vi för.</p>"
                ),
                call_to_action(
                    title="Intresserad?",
                    text="Skriv några rader om dig själv och ditt företag, så hör vi av oss.",
                    button="Kontakta oss",
                    page="contact",
                ),
            ],
        },
        "en": {
            "title": "We are looking for more mentors",
            "slug": "more-mentors-wanted",
            "intro": (
                "Have you run a business for a few years and want to share what you have learnt? Become a "
                "mentor in VästKraft – we especially need more women and more people who speak Arabic, "
                "Persian or Somali."
            ),
            "body": [
                paragraph(
                    "<p>As a mentor you meet a new business owner about every other week for four to six "
                    "months. You decide how many mentees you have room for, and you can pause when you need "
                    "to.</p>"
                ),
                heading("What we offer you"),
                paragraph(
                    "<ul><li>an introduction to the mentor role,</li>"
                    "<li>a network of other mentors, meeting twice a term,</li>"
                    "<li>support from a coordinator throughout the mentorship.</li></ul>"
                    "<p>The role is unpaid, but we cover travel and coffee.</p>"
                ),
                call_to_action(
                    title="Interested?",
                    text="Write a few lines about yourself and your business, and we will get in touch.",
                    button="Contact us",
                    page="contact",
                ),
            ],
        },
    },
    {
        "key": "news-electrification",
        "days_ago": 101,
        "image": "news-electrification",
        "tags": {"sv": ["kompetens"], "en": ["skills"]},
        "sv": {
            "title": "Elektrifieringen förändrar fordonsindustrin – så rustar du dig",
            "slug": "elektrifieringen-forandrar-fordonsindustrin",
            "intro": (
                "Elbilar, batterier och laddinfrastruktur skapar nya jobb i regionen – men kräver ny "
                "kunskap. VästKraft startar en tvådagarskurs i elektrifiering och högvoltssäkerhet."
            ),
            "body": [
                paragraph(
                    "<p>Omställningen till elektrifierade fordon påverkar nästan alla delar av industrin, "
                    "från konstruktion och montering till service och återvinning. Den som arbetar nära "
                    "batterier och högvoltssystem behöver veta hur man gör det säkert.</p>"
                ),
                heading("Kursens innehåll"),
                paragraph(
                    "<ul><li>hur ett elektrifierat fordon är uppbyggt,</li>"
                    "<li>risker med högvolt och hur de hanteras,</li>"
                    "<li>arbetsmetoder och skyddsutrustning,</li>"
                    "<li>vart branschen är på väg – och vilka kompetenser som efterfrågas.</li></ul>"
                ),
                call_to_action(
                    title="Sök kursen",
                    text="Kursen ingår i programmet Kompetensutveckling.",
                    button="Till programmet",
                    page="programme-skills",
                ),
            ],
        },
        "en": {
            "title": "Electrification is changing the automotive industry – how to prepare",
            "slug": "electrification-changing-automotive-industry",
            "intro": (
                "Electric cars, batteries and charging infrastructure are creating new jobs in the region – "
                "but they demand new knowledge. VästKraft is starting a two-day course in electrification "
                "and high-voltage safety."
            ),
            "body": [
                paragraph(
                    "<p>The shift to electrified vehicles affects almost every part of the industry, from "
                    "design and assembly to service and recycling. Anyone working close to batteries and "
                    "high-voltage systems needs to know how to do it safely.</p>"
                ),
                heading("Course content"),
                paragraph(
                    "<ul><li>how an electrified vehicle is built,</li>"
                    "<li>high-voltage risks and how to manage them,</li>"
                    "<li>working methods and protective equipment,</li>"
                    "<li>where the industry is heading – and which skills are in demand.</li></ul>"
                ),
                call_to_action(
                    title="Apply for the course",
                    text="The course is part of the Competence development programme.",
                    button="Go to the programme",
                    page="programme-skills",
                ),
            ],
        },
    },
    {
        "key": "news-open-house",
        "days_ago": 115,
        "event_in_days": 8,
        "event_weekday": 2,
        "image": "news-open-house",
        "tags": {"sv": ["evenemang", "företagande"], "en": ["events", "entrepreneurship"]},
        "sv": {
            "title": "Öppet hus i Alingsås om att starta eget",
            "slug": "oppet-hus-i-alingsas",
            "intro": (
                "Vi har öppet hus i Alingsås {event} för dig som är nyfiken på att starta eget. Kom när du "
                "vill mellan kl. 15 och 19."
            ),
            "body": [
                paragraph(
                    "<p>På öppet hus kan du prata med våra koordinatorer och mentorer, få hjälp att sätta "
                    "ord "
                    "på din idé och höra hur andra har gjort. Du behöver inte anmäla dig i förväg.</p>"
                ),
                paragraph(
                    "<p>Vi finns i Alingsås stadsbiblioteks samlingssal. Lokalen är tillgänglig för "
                    "rullstol, och det finns hörslinga.</p>"
                ),
                call_to_action(
                    title="Läs om Starta eget",
                    text="Från idé till första kund på fyra månader.",
                    button="Till programmet",
                    page="programme-start",
                ),
            ],
        },
        "en": {
            "title": "Open house in Alingsås about starting a business",
            "slug": "open-house-in-alingsas",
            "intro": (
                "We are holding an open house in Alingsås on {event} for anyone curious about starting a "
                "business. Drop in any time between 15.00 and 19.00."
            ),
            "body": [
                paragraph(
                    "<p>At the open house you can talk to our coordinators and mentors, get help putting "
                    "your "
                    "idea into words and hear how others have done it. You don't need to sign up in "
                    "advance.</p>"
                ),
                paragraph(
                    "<p>We will be in the assembly hall of Alingsås city library. The venue is wheelchair "
                    "accessible and has a hearing loop.</p>"
                ),
                call_to_action(
                    title="Read about Start your own business",
                    text="From idea to first customer in four months.",
                    button="Go to the programme",
                    page="programme-start",
                ),
            ],
        },
    },
    {
        "key": "news-pricing",
        "days_ago": 138,
        "image": "news-pricing",
        "tags": {"sv": ["företagande"], "en": ["entrepreneurship"]},
        "sv": {
            "title": "Digital workshop: budget och prissättning för nya företagare",
            "slug": "workshop-budget-och-prissattning",
            "intro": (
                "Vad ska du ta betalt, och hur mycket behöver du sälja för att det ska gå ihop? En "
                "kvällsworkshop på distans för dig som är i startgroparna."
            ),
            "body": [
                paragraph(
                    "<p>Under två timmar går vi igenom hur du räknar fram ett timpris eller ett styckpris, "
                    "vad som ska ingå i en enkel budget och hur du tänker kring moms och skatt det första "
                    "året. Du får en mall som du kan fortsätta arbeta i efteråt.</p>"
                ),
                paragraph(
                    "<p>Workshoppen hålls via video och ingår i programmen Starta eget och Kvinnors "
                    "företagande. Deltagare får en länk med e-post.</p>"
                ),
            ],
        },
        "en": {
            "title": "Online workshop: budgeting and pricing for new business owners",
            "slug": "workshop-budgeting-and-pricing",
            "intro": (
                "What should you charge, and how much do you need to sell to break even? An online evening "
                "workshop for those getting ready to start."
            ),
            "body": [
                paragraph(
                    "<p>Over two hours we go through how to work out an hourly rate or a unit price, what "
                    "belongs in a simple budget, and how to think about VAT and tax in your first year. You "
                    "get a template to keep working in afterwards.</p>"
                ),
                paragraph(
                    "<p>The workshop is held by video and is part of the Start your own business and Women's "
                    "entrepreneurship programmes. Participants receive a link by e-mail.</p>"
                ),
            ],
        },
    },
    {
        "key": "news-launch",
        "days_ago": 170,
        "image": "news-launch",
        "tags": {"sv": ["företagande", "kompetens"], "en": ["entrepreneurship", "skills"]},
        "sv": {
            "title": "VästKraft har startat – 13 kommuner i samarbete",
            "slug": "vastkraft-har-startat",
            "intro": (
                "Med stöd från Europeiska socialfonden startar nu VästKraft, ett program för "
                "kompetensutveckling och företagande för tusentals människor i regionens industri."
            ),
            "body": [
                paragraph(
                    f"<p>Bakom VästKraft står kommunerna {MUNICIPALITIES}. Tillsammans ska kommunerna under "
                    "programperioden ge 3 500 personer möjlighet till kompetensutveckling, vägledning och "
                    "stöd att starta företag.</p>"
                ),
                quote(
                    "Industrin i vår region ställer om snabbare än någonsin. Vi vill att de som arbetar i "
                    "den "
                    "ska få följa med – inte bli lämnade kvar.",
                    "Programledningen för VästKraft",
                ),
                paragraph(
                    "<p>Programmet riktar sig både till anställda som behöver ny kompetens och till dig som "
                    "har blivit varslad eller söker arbete. Minst 1 000 av deltagarna ska vara kvinnor.</p>"
                ),
                call_to_action(
                    title="Läs mer om VästKraft",
                    text="Vilka vi är, vad vi vill och hur programmet finansieras.",
                    button="Om VästKraft",
                    page="about",
                ),
            ],
        },
        "en": {
            "title": "VästKraft has started – 13 municipalities working together",
            "slug": "vastkraft-has-started",
            "intro": (
                "With support from the European Social Fund, VästKraft is now starting: a programme for "
                "competence development and entrepreneurship for thousands of people in the region's "
                "industry."
            ),
            "body": [
                paragraph(
                    f"<p>VästKraft is run by the municipalities of {MUNICIPALITIES_EN}. Over the programme "
                    f"period the "
                    "municipalities will together give 3,500 people the chance of competence development, "
                    "guidance and support to start a business.</p>"
                ),
                quote(
                    "Industry in our region is changing faster than ever. We want the people who work in it "
                    "to come along – not be left behind.",
                    "The VästKraft programme management",
                ),
                paragraph(
                    "<p>The programme is for employees who need new skills as well as for people who have "
                    "been given notice or are looking for work. At least 1,000 of the participants will be "
                    "women.</p>"
                ),
                call_to_action(
                    title="Read more about VästKraft",
                    text="Who we are, what we want and how the programme is funded.",
                    button="About VästKraft",
                    page="about",
                ),
            ],
        },
    },
]


# --- Demo accounts ------------------------------------------------------------------
# role label, e-mail, first name, last name, group (None: no group), superuser

USERS = [
    ("administrator", "admin@vastkraft.example", "Karin", "Ek", None, True),
    ("coordinator", "coordinator@vastkraft.example", "Leila", "Haddad", COORDINATORS, False),
    ("mentor", "mentor@vastkraft.example", "Per", "Johansson", MENTORS, False),
    ("editor", "editor@vastkraft.example", "Elin", "Berg", EDITORS, False),
    ("moderator", "moderator@vastkraft.example", "Jonas", "Nilsson", MODERATORS, False),
    ("participant", "participant@vastkraft.example", "Amira", "Lindgren", None, False),
    # A second coordinator, so that the demo applications can carry two reviews each.
    ("reviewer", "reviewer@vastkraft.example", "Mikael", "Strand", COORDINATORS, False),
    # Marks attendance on the course occasions (staff/courses/).
    ("course leader", "courseleader@vastkraft.example", "Sara", "Öberg", COURSE_LEADERS, False),
]

SWEDISH_MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]
# Definite forms: "torsdagen den 12 mars".
SWEDISH_WEEKDAYS = ["måndagen", "tisdagen", "onsdagen", "torsdagen", "fredagen", "lördagen", "söndagen"]
ENGLISH_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ENGLISH_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


# --- Intakes and applications ----------------------------------------------------------
# The seeding service (portal.demo.applications) draws birth years, employment,
# statuses and the like from a fixed random seed; the people and their ideas are here.

INTAKES = {
    # programme key → intake title (the intake's natural key), then its English title
    "open": ("programme-women", "Kvinnors företagande – omgång 2", "Women's entrepreneurship – round 2"),
    "closed": ("programme-start", "Starta eget – omgång 1", "Start your own business – round 1"),
}

APPLICANT_EMAIL = "ansokande{number:02d}@vastkraft.example"

# first name, last name, gender, languages besides Swedish, municipality (None: drawn), idea
# An idea: title, SNI section, description, customers and market.
APPLICANTS = [
    (
        "Sara",
        "Andersson",
        "woman",
        ["en"],
        "molndal",
        (
            "Hållbar komponentrenovering",
            "C",
            "Jag vill renovera växellådor, startmotorer och generatorer från personbilar och lastbilar så "
            "att de kan säljas igen med garanti. Efter tolv år som kvalitetstekniker hos en underleverantör "
            "vet jag vilka delar som slits och vilka som går att rädda.",
            "Fristående verkstäder och åkerier i Mölndal och Göteborg som vill sänka sina kostnader och "
            "sitt klimatavtryck. Två verkstäder har redan sagt att de vill prova.",
        ),
    ),
    (
        "Leyla",
        "Rahimi",
        "woman",
        ["fa", "en"],
        "goteborg",
        (
            "Språkcafé för ingenjörer",
            "P",
            "Träffar där nyanlända ingenjörer övar svenskt fackspråk tillsammans med pensionerade "
            "ingenjörer från industrin. Varje träff har ett tema: ritningar, kvalitet, säkerhet, möten.",
            "Kommuner och etableringsprogram som köper platser, och industriföretag som rekryterar "
            "ingenjörer med utländsk examen.",
        ),
    ),
    (
        "Johanna",
        "Lindqvist",
        "woman",
        ["en", "fi"],
        "kungalv",
        (
            "Laddboxinstallationer i Kungälv",
            "F",
            "Installation och service av laddboxar för villor, bostadsrättsföreningar och små företag. "
            "Jag är behörig elektriker och har arbetat med laddinfrastruktur på en fordonstillverkare.",
            "Villaägare och bostadsrättsföreningar i Kungälv och Ale. Jag vill samarbeta med bilhandlare "
            "som säljer elbilar och kan tipsa sina kunder.",
        ),
    ),
    (
        "Katarzyna",
        "Nowak",
        "woman",
        ["pl", "en"],
        None,
        (
            "Digital reservdelsmarknad",
            "J",
            "En webbplats där mindre verkstäder köper och säljer begagnade och överblivna reservdelar, "
            "med sökning på chassinummer och betalning direkt på sidan.",
            "Fristående bilverkstäder och bilentusiaster i Västsverige; intäkter genom en avgift per "
            "försäljning.",
        ),
    ),
    (
        "Fatima",
        "Al-Hassan",
        "woman",
        ["ar", "en"],
        "molndal",
        (
            "Syrisk catering för företag",
            "I",
            "Lunch, fika och buffé med syriska rätter till konferenser, personalfester och föreningar. "
            "Jag lagar maten i ett hyrt restaurangkök och levererar med elbil.",
            "Företag och föreningar i Mölndal och södra Göteborg. Jag har redan haft uppdrag för två "
            "arbetsplatser.",
        ),
    ),
    (
        "Anna",
        "Karlsson",
        "woman",
        ["en", "de"],
        None,
        (
            "Robotprogrammering som tjänst",
            "M",
            "Jag programmerar och driftsätter industrirobotar åt små tillverkare som inte har egen "
            "kompetens, och utbildar deras operatörer så att de klarar enklare ändringar själva.",
            "Små och medelstora verkstadsföretag i regionen som automatiserar för första gången.",
        ),
    ),
    (
        "Hodan",
        "Abdi",
        "woman",
        ["so", "en"],
        "goteborg",
        (
            "Språkanpassad hemtjänst",
            "Q",
            "Hemtjänst med personal som talar somaliska och arabiska, för äldre som vill bli förstådda på "
            "sitt eget språk. Jag är undersköterska och har arbetat tio år i hemtjänsten.",
            "Äldre i Göteborg som väljer utförare genom kommunens valfrihetssystem.",
        ),
    ),
    (
        "Emma",
        "Nilsson",
        "woman",
        ["en"],
        "partille",
        (
            "Mobil cykelverkstad",
            "S",
            "En lastcykel med verktyg och reservdelar som lagar cyklar på arbetsplatser och i "
            "bostadsområden, så att ingen behöver lämna in sin cykel.",
            "Arbetsgivare som erbjuder cykelservice som friskvård, och bostadsbolag i Partille och "
            "östra Göteborg.",
        ),
    ),
    (
        "Marjatta",
        "Heikkinen",
        "woman",
        ["fi"],
        "lerum",
        (
            "Kvalitetsrevisioner för underleverantörer",
            "M",
            "Jag hjälper underleverantörer att förbereda sig för revisioner enligt IATF 16949 och ISO 9001: "
            "genomgång av rutiner, internrevision och utbildning av personalen.",
            "Underleverantörer till fordonsindustrin med 10–100 anställda som saknar egen kvalitetschef.",
        ),
    ),
    (
        "Aida",
        "Hodžić",
        "woman",
        ["bs", "en", "de"],
        None,
        (
            "3D-printade reservdelar",
            "C",
            "Små serier av reservdelar i plast och metall som inte längre tillverkas, skrivna ut med "
            "3D-skrivare efter skanning eller ritning.",
            "Industriföretag med äldre maskiner, veteranbilsklubbar och verkstäder.",
        ),
    ),
    (
        "Mina",
        "Karimi",
        "woman",
        ["fa", "en"],
        "goteborg",
        (
            "Bokföringsbyrå för nystartade",
            "M",
            "Bokföring, moms och deklaration för nystartade småföretagare, med rådgivning på persiska, "
            "svenska och engelska.",
            "Nya företagare som vill ha hjälp på sitt eget språk, ofta inom handel, bygg och restaurang.",
        ),
    ),
    (
        "Lina",
        "Berglund",
        "woman",
        ["en"],
        "alingsas",
        (
            "Keramikstudio med kvällskurser",
            "R",
            "En ateljé i Alingsås med kvällskurser i drejning och försäljning av eget bruksgods till "
            "kaféer och restauranger.",
            "Privatpersoner som vill lära sig dreja, företag som bokar teamaktiviteter, och kaféer som "
            "vill ha egen servis.",
        ),
    ),
    (
        "Nour",
        "Khalil",
        "woman",
        ["ar", "en"],
        "partille",
        (
            "Läxhjälp i matematik och fysik",
            "P",
            "Läxhjälp för gymnasieelever i matematik och fysik, på plats och på nätet, på svenska och "
            "arabiska. Jag är civilingenjör och har arbetat med beräkningar i tio år.",
            "Föräldrar till gymnasieelever i Partille och Göteborg; på sikt även skolor.",
        ),
    ),
    (
        "Camila",
        "Rojas",
        "woman",
        ["es", "en"],
        "goteborg",
        (
            "Teknisk översättning av manualer",
            "M",
            "Översättning av manualer, säkerhetsinstruktioner och utbildningsmaterial mellan spanska, "
            "engelska och svenska, med terminologi från fordons- och verkstadsindustrin.",
            "Tillverkare som exporterar till Spanien och Latinamerika, och översättningsbyråer som behöver "
            "tekniska specialister.",
        ),
    ),
    (
        "Ingrid",
        "Olsson",
        "woman",
        [],
        "tjorn",
        (
            "Lokal matkasse från Tjörn",
            "G",
            "En matkasse varje vecka med fisk, grönsaker och bröd från producenter på Tjörn och Orust, "
            "med recept.",
            "Hushåll på Tjörn, i Stenungsund och i Kungälv som vill handla lokalt.",
        ),
    ),
    (
        "Zeynep",
        "Yılmaz",
        "woman",
        ["tr", "en"],
        None,
        (
            "Återbruk av kontorsmöbler",
            "G",
            "Jag köper in, rustar upp och säljer begagnade kontorsmöbler, och hjälper företag att inreda "
            "med återbrukat.",
            "Företag som flyttar, byter inredning eller vill minska sitt klimatavtryck.",
        ),
    ),
    (
        "Helena",
        "Persson",
        "woman",
        ["en"],
        "harryda",
        (
            "Elektrifieringsutbildning för verkstäder",
            "P",
            "Kurser i högvoltssäkerhet och service av elbilar för mekaniker, i verkstaden eller i "
            "en hyrd lokal.",
            "Bilverkstäder och yrkesutbildningar i regionen som behöver elbilskompetens.",
        ),
    ),
    (
        "Samira",
        "Jaber",
        "woman",
        ["ar"],
        "goteborg",
        (
            "Sömnad och lagning av arbetskläder",
            "S",
            "Lagning, uppläggning och märkning av arbetskläder åt företag, med hämtning och lämning en gång "
            "i veckan.",
            "Verkstäder, byggföretag och hotell i Göteborg som vill att arbetskläderna håller längre.",
        ),
    ),
    (
        "Ebba",
        "Gustafsson",
        "woman",
        ["en"],
        "kungsbacka",
        (
            "Surdegsbageri i Kungsbacka",
            "I",
            "Ett litet bageri med surdegsbröd och kardemummabullar, med försäljning i egen butik två dagar "
            "i veckan och leveranser till kaféer.",
            "Boende i Kungsbacka och kaféer och gårdsbutiker i norra Halland.",
        ),
    ),
    (
        "Semhar",
        "Tesfay",
        "woman",
        ["ti", "en"],
        "goteborg",
        (
            "Städning med miljömärkta medel",
            "N",
            "Kontors- och trappstädning med miljömärkta medel och fasta städare för varje kund.",
            "Små kontor och bostadsrättsföreningar i Göteborg.",
        ),
    ),
    (
        "Birgitta",
        "Lundgren",
        "woman",
        [],
        "stenungsund",
        (
            "Inköpskonsult för små tillverkare",
            "M",
            "Efter 25 år som inköpare på en fordonstillverkare hjälper jag små tillverkare att förhandla "
            "avtal, hitta nya leverantörer och minska sina lager.",
            "Tillverkande företag med 20–200 anställda i Stenungsund, Kungälv och Göteborg.",
        ),
    ),
    (
        "Jessica",
        "Holm",
        "woman",
        ["en"],
        "ale",
        (
            "Hunddagis och hundaktivering",
            "S",
            "Hunddagis för pendlare med hundar, och kurser i nosarbete och aktivering på helgerna.",
            "Hundägare i Ale och Kungälv som pendlar till Göteborg.",
        ),
    ),
    (
        "Louise",
        "Bergström",
        "woman",
        ["en", "es"],
        "molndal",
        (
            "Ergonomikonsult för produktionen",
            "M",
            "Jag kartlägger arbetsställningar på monteringslinor och lager och föreslår ändringar som "
            "minskar förslitningsskador. Jag är fysioterapeut med fem år inom företagshälsovård.",
            "Tillverkande företag och företagshälsovården, som kan köpa in mig som underkonsult.",
        ),
    ),
    (
        "Therese",
        "Wallin",
        "woman",
        ["en"],
        None,
        (
            "Solcellsmontage för villor",
            "F",
            "Montage av solceller och batterier på villor, med hjälp att söka skattereduktion.",
            "Villaägare i Härryda, Lerum och Alingsås.",
        ),
    ),
    (
        "Paulina",
        "Kowalska",
        "woman",
        ["pl", "en"],
        "goteborg",
        (
            "CAD-konstruktion på distans",
            "M",
            "Konstruktion och ritningsunderlag i CATIA och SolidWorks åt företag som behöver extra "
            "kapacitet under ett projekt.",
            "Underleverantörer och konsultbolag i fordonsindustrin; uppdrag på timme.",
        ),
    ),
    (
        "Hanna",
        "Ekström",
        "woman",
        ["en", "de"],
        "ockero",
        (
            "Båtservice på Öckerö",
            "S",
            "Service av utombordare och inombordsmotorer, vinterförvaring och sjösättning för fritidsbåtar.",
            "Fritidsbåtsägare på Öckerö och Hisingen.",
        ),
    ),
    (
        "Amal",
        "Yusuf",
        "woman",
        ["so", "ar", "en"],
        None,
        (
            "Körkortsteori på flera språk",
            "P",
            "Teorilektioner för B-körkort på somaliska, arabiska och lätt svenska, i grupp och på nätet.",
            "Vuxna som behöver körkort för att få jobb, och trafikskolor som vill hyra in lektionerna.",
        ),
    ),
    (
        "Caroline",
        "Sjöberg",
        "woman",
        ["en"],
        "goteborg",
        (
            "Lastcykelbud i centrala Göteborg",
            "H",
            "Budtjänst med eldrivna lastcyklar för paket och varor inom tullarna.",
            "Butiker, restauranger och kontor i centrala Göteborg som vill ha snabba och tysta leveranser.",
        ),
    ),
    (
        "Ewa",
        "Lindberg",
        "woman",
        ["en"],
        "lilla_edet",
        (
            "Kafé och mötesplats i Lilla Edet",
            "I",
            "Ett kafé vid älven som också är mötesplats för föreningar, med enklare luncher och "
            "kvällsarrangemang.",
            "Boende och besökare i Lilla Edet, och föreningar som behöver en lokal att träffas i.",
        ),
    ),
    (
        "Sofia",
        "Mäkinen",
        "woman",
        ["fi", "en"],
        None,
        (
            "Tillgänglighetsgranskning av webbplatser",
            "J",
            "Granskning av webbplatser och appar mot WCAG och lagen om tillgänglighet till digital offentlig "
            "service, med en rapport och utbildning för utvecklarna.",
            "Kommuner, regionala bolag och företag som säljer till offentlig sektor.",
        ),
    ),
    (
        "Rana",
        "Saleh",
        "woman",
        ["ar", "en"],
        "goteborg",
        (
            "Hudvård av nordiska råvaror",
            "C",
            "Tvålar och krämer av havtorn, rapsolja och havre, tillverkade i liten skala och sålda på "
            "nätet och i butiker.",
            "Kvinnor 25–55 som handlar naturlig hudvård på nätet, och presentbutiker i Västsverige.",
        ),
    ),
    (
        "Ulrika",
        "Hedlund",
        "woman",
        ["en"],
        "kungsbacka",
        (
            "Projektledning för renoveringar i bostadsrättsföreningar",
            "F",
            "Jag leder stambyten, fasad- och takrenoveringar åt bostadsrättsföreningar: upphandling, "
            "tidplan, information till de boende och slutbesiktning.",
            "Styrelser i bostadsrättsföreningar i Kungsbacka och Göteborg.",
        ),
    ),
    (
        "Malin",
        "Svensson",
        "woman",
        ["en"],
        "lerum",
        (
            "Friskvård för skiftarbetare",
            "Q",
            "Korta träningspass och sömnrådgivning på arbetsplatsen, anpassade efter skiftschemat.",
            "Industriföretag med skiftarbete i Lerum, Alingsås och Göteborg.",
        ),
    ),
    (
        "Maria",
        "Johansson",
        "woman",
        ["en"],
        "harryda",
        (
            "Barnklädesuthyrning",
            "G",
            "Prenumeration på barnkläder i storlek 50–134: familjen byter storlek när barnet växer, och "
            "kläderna tvättas och lagas mellan hyrorna.",
            "Småbarnsfamiljer i Göteborgsregionen som vill ha färre saker och mindre svinn.",
        ),
    ),
    (
        "Ahmed",
        "Mohammed",
        "man",
        ["ar", "en"],
        "goteborg",
        (
            "Transportplanering för små åkerier",
            "J",
            "En app som planerar rutter och körordning för åkerier med 2–20 bilar och visar kunderna när "
            "leveransen kommer.",
            "Små åkerier i Västsverige som i dag planerar med telefon och kalkylblad.",
        ),
    ),
    (
        "Johan",
        "Eriksson",
        "man",
        ["en"],
        "alingsas",
        (
            "Reparationscafé för elektronik",
            "S",
            "En verkstad där folk lämnar in eller själva lagar telefoner, datorer och hushållsapparater med "
            "hjälp och verktyg på plats.",
            "Privatpersoner i Alingsås och Lerum; kommunens återbruk som samarbetspartner.",
        ),
    ),
    (
        "Dragan",
        "Petrović",
        "man",
        ["bs", "de"],
        "molndal",
        (
            "Svetsning och smide på beställning",
            "C",
            "Svetsning och smide i små serier: räcken, trappor och specialdetaljer åt byggföretag och "
            "privatpersoner.",
            "Byggföretag och villaägare i Mölndal och Härryda.",
        ),
    ),
    (
        "Alex",
        "Nordin",
        "non_binary",
        ["en"],
        "goteborg",
        (
            "Eventfoto och film för industriföretag",
            "R",
            "Foto och korta filmer från fabriker, mässor och event, som företagen kan använda i "
            "rekrytering och sociala medier.",
            "Industriföretag och mässarrangörer som vill visa upp sina arbetsplatser.",
        ),
    ),
    (
        "Robin",
        "Falk",
        "undisclosed",
        ["en"],
        None,
        (
            "Digital tvilling för små fabriker",
            "J",
            "En enkel digital modell av produktionslinan som visar var det står still, byggd på sensorer "
            "som går att eftermontera på äldre maskiner.",
            "Små fabriker som inte har råd med de stora systemen; först två pilotkunder i Partille.",
        ),
    ),
    (
        "Kim",
        "Dahl",
        "undisclosed",
        ["en"],
        "kungalv",
        (
            "Flytthjälp med elcykel och släp",
            "H",
            "Flytthjälp för studenter och små hushåll med elcykel och släp, och bortforsling av möbler till "
            "återbruk.",
            "Studenter och pensionärer som flyttar inom Kungälv och Göteborg.",
        ),
    ),
]

SUPPORT_NEEDS_OTHER = [
    "Hur jag sätter rätt pris på mina tjänster.",
    "Jag behöver hjälp att förstå vilka tillstånd jag behöver.",
    "Hur man anställer den första medarbetaren.",
    "Jag vill veta mer om att söka lokal.",
    "Hjälp med att skriva offerter och avtal.",
]

REVIEW_COMMENTS = {
    "high": [
        "Tydlig idé med kunder som redan har visat intresse. Stark branscherfarenhet.",
        "Mycket motiverad och väl förberedd. Mentorskap kan snabba på starten.",
        "God marknadskännedom och en realistisk plan för det första året.",
        "Idén fyller ett tydligt behov i regionen. Passar programmet mycket väl.",
    ],
    "middle": [
        "Intressant idé, men kundgruppen behöver avgränsas mer.",
        "Bra erfarenhet; finansieringen är ännu oklar.",
        "Motiverad sökande. Affärsmodellen behöver prövas mot fler kunder.",
        "Rimlig idé med konkurrens på orten – vad gör den unik?",
    ],
    "low": [
        "Idén är ännu mycket tidig och behovet av mentor är svårt att se.",
        "Liten koppling till programmets målgrupp och inriktning.",
        "Oklart vem som ska betala; studievägledning kan vara ett bättre första steg.",
    ],
}

DECISION_REASONS = {
    "accepted": [
        "Välkommen till programmet! Din idé är tydlig och du har en bra plan för de första kunderna. "
        "Vi hör av oss om matchning med en mentor.",
        "Välkommen! Din erfarenhet och din motivation passar programmet väl. Nästa steg är matchning med "
        "en mentor.",
    ],
    "waitlisted": [
        "Din ansökan håller god nivå, men platserna i den här omgången räcker inte till alla. Du står på "
        "reservlistan och får besked så snart en plats blir ledig.",
    ],
    "rejected": [
        "Idén behöver utvecklas mer innan ett mentorskap gör nytta. Vi rekommenderar vår studie- och "
        "karriärvägledning och välkomnar en ny ansökan i nästa omgång.",
        "Din idé ligger utanför det programmet kan stödja just nu. Kontakta gärna Nyföretagarcentrum i din "
        "kommun, och sök igen när idén har tagit form.",
    ],
}

DECISION_NOTES = [
    "Beslut vid granskningsmötet.",
    "Enig bedömning av båda granskarna.",
    "",
]

# Accepting someone outside the open intake's target groups (it is for women) takes a reason.
ACCEPTED_OUTSIDE_TARGET_NOTE = (
    "Utanför målgruppen enligt profilen. Antagen efter samtal med den sökande och programansvarig; "
    "beslut vid granskningsmötet."
)

# Who may apply to each intake, in the intake's own fields; the programme page lists it from them.
INTAKE_ELIGIBILITY = {
    # Women who want to start a business, or have just done so: a business younger than two years.
    "open": {
        "for_women": True,
        "target_groups": ["employed", "under_notice", "unemployed", "self_employed"],
        "business_max_age_months": 24,
    },
    "closed": {
        "for_women": False,
        "target_groups": ["employed", "under_notice", "unemployed"],
        "business_max_age_months": None,
    },
}

WITHDRAWAL_REASONS = [
    "Jag har fått ett nytt jobb och har inte tid med företaget just nu.",
    "Jag väntar till nästa omgång, när idén har kommit längre.",
]

# participant@vastkraft.example: a saved draft, stopped on the "Market and stage" step.
PARTICIPANT_PROFILE = {
    "phone": "070-174 06 99",
    "municipality": "molndal",
    "age": 41,
    "gender": "woman",
    "employment_status": "under_notice",
    "former_sector": "automotive_supplier",
    "education_level": "higher",
    "languages": ["sv", "ar", "en"],
    "contact_language": "sv",
}
PARTICIPANT_DRAFT = {
    "idea_title": "Ombyggnad av elcykelbatterier",
    "idea_description": (
        "Jag vill byta ut slitna celler i batterier till elcyklar och elmopeder i stället för att hela "
        "batteriet slängs. På underleverantören där jag arbetar med batterimoduler har jag lärt mig "
        "testning, svetsning av cellkontakter och säkerhetskraven."
    ),
}

ALUMNUS_EMAIL = "tidigare{number:02d}@vastkraft.example"

# Past participants of the closed intake: first name, last name, gender, languages besides
# Swedish, municipality (None: drawn), idea (title, sector, description, market).
ALUMNI = [
    (
        "Helena",
        "Svensson",
        "woman",
        ["en"],
        "goteborg",
        (
            "Bokföringsbyrå för hantverkare",
            "M",
            "Löpande bokföring, lön och moms för små hantverksföretag, med fasta månadspriser.",
            "Snickare, elektriker och målare med en till fem anställda i Göteborg.",
        ),
    ),
    (
        "Mohammed",
        "Haidari",
        "man",
        ["fa", "en"],
        "goteborg",
        (
            "Mobil däckservice",
            "G",
            "Däckbyte och hjulförvaring hemma hos kunden eller på arbetsplatsen.",
            "Privatbilister och företag med tjänstebilar i Göteborgs nordöstra delar.",
        ),
    ),
    (
        "Ingrid",
        "Olofsson",
        "woman",
        [],
        "kungalv",
        (
            "Gårdsbutik med lokala råvaror",
            "G",
            "En butik på släktgården med ägg, grönsaker och förädlade produkter från grannarna.",
            "Boende i Kungälv och sommargäster på väg mot Bohuslän.",
        ),
    ),
    (
        "Ahmed",
        "Yusuf",
        "man",
        ["so", "en"],
        "goteborg",
        (
            "Flyttstädning och kontorsstäd",
            "N",
            "Städfirma med miljömärkta medel och kollektivavtal från första anställningen.",
            "Bostadsrättsföreningar, mäklare och små kontor i Angered och Bergsjön.",
        ),
    ),
    (
        "Karin",
        "Lundqvist",
        "woman",
        ["en", "de"],
        "molndal",
        (
            "Kvalitetskonsult för underleverantörer",
            "M",
            "Stöd med ISO 9001, IATF 16949 och leverantörsrevisioner för små tillverkare.",
            "Underleverantörer till fordonsindustrin i Mölndal och Göteborg.",
        ),
    ),
    (
        "Zeynep",
        "Demir",
        "woman",
        ["tr", "en"],
        "partille",
        (
            "Bageri med turkiskt bröd",
            "C",
            "Simit, pide och matbröd bakat på morgonen, sålt i egen disk och till caféer.",
            "Caféer och livsmedelsbutiker i Partille och östra Göteborg.",
        ),
    ),
    (
        "Erik",
        "Bergström",
        "man",
        ["en"],
        "lerum",
        (
            "Elbilsladdning för bostadsrättsföreningar",
            "F",
            "Planering och installation av laddplatser, med hjälp att söka bidrag.",
            "Bostadsrättsföreningar och samfälligheter i Lerum och Alingsås.",
        ),
    ),
    (
        "Sofia",
        "Nyström",
        "woman",
        ["en"],
        "goteborg",
        (
            "Webbutveckling för föreningar",
            "J",
            "Enkla, tillgängliga webbplatser med medlemsregister för ideella föreningar.",
            "Idrottsföreningar och kulturföreningar i Västra Götaland.",
        ),
    ),
    (
        "Aida",
        "Hodžić",
        "woman",
        ["bs", "en"],
        "goteborg",
        (
            "Hemtjänst på bosniska",
            "Q",
            "Privat hemtjänst och ledsagning med personal som talar bosniska och svenska.",
            "Äldre med bosniskt, kroatiskt eller serbiskt ursprung och deras anhöriga.",
        ),
    ),
    (
        "Lars",
        "Hedlund",
        "man",
        [],
        "stenungsund",
        (
            "Båtvård och vinterförvaring",
            "S",
            "Bottentvätt, polering och vinterförvaring av fritidsbåtar under tak.",
            "Båtägare längs Bohuskusten mellan Stenungsund och Tjörn.",
        ),
    ),
    (
        "Maja",
        "Ekström",
        "woman",
        ["en"],
        "harryda",
        (
            "Barnkläder på abonnemang",
            "G",
            "Hyr barnkläder i rätt storlek och byt när barnet växer; tvätt och lagning ingår.",
            "Småbarnsföräldrar i Göteborgsregionen som vill handla mindre nytt.",
        ),
    ),
    (
        "Tesfay",
        "Gebremedhin",
        "man",
        ["ti", "en"],
        "goteborg",
        (
            "Etiopisk och eritreansk catering",
            "I",
            "Catering med injera och grytor till fester, konferenser och skolor.",
            "Företag, föreningar och privatpersoner i Göteborg.",
        ),
    ),
    (
        "Anneli",
        "Johansson",
        "woman",
        [],
        "ale",
        (
            "Hundpensionat och dagis",
            "S",
            "Hunddagis på vardagar och pensionat under semestrar, med stora rastgårdar.",
            "Hundägare som pendlar från Ale och Lilla Edet till Göteborg.",
        ),
    ),
    (
        "Marta",
        "Kowalska",
        "woman",
        ["pl", "en"],
        "molndal",
        (
            "Svetsutbildning och bemanning",
            "P",
            "Korta kurser i svetsning med certifiering, och bemanning med de utbildade.",
            "Verkstadsföretag i Mölndal och Göteborg som saknar svetsare.",
        ),
    ),
    (
        "Johan",
        "Karlberg",
        "man",
        ["en"],
        "kungsbacka",
        (
            "Solceller för lantbruk",
            "F",
            "Projektering och montage av solceller på ladugårdstak, med batterilager.",
            "Lantbrukare i Kungsbacka och Halland.",
        ),
    ),
    (
        "Nadia",
        "Haddou",
        "woman",
        ["ar", "en"],
        "goteborg",
        (
            "Tolk- och översättningsbyrå",
            "N",
            "Tolkning på plats och på distans, och översättning av myndighetsbrev.",
            "Vårdcentraler, skolor och privatpersoner i Göteborg.",
        ),
    ),
    (
        "Emma",
        "Lindholm",
        "woman",
        ["en"],
        "alingsas",
        (
            "Keramikverkstad med kurser",
            "R",
            "Egen drejad keramik och kvällskurser för nybörjare i en gammal smedja.",
            "Vuxna i Alingsås och turister under sommaren.",
        ),
    ),
    (
        "Daniel",
        "Åberg",
        "man",
        ["en"],
        "goteborg",
        (
            "3D-printade reservdelar",
            "C",
            "Reservdelar som inte längre tillverkas, skannade och printade i plast eller metall.",
            "Veteranbilsägare, verkstäder och fastighetsskötare.",
        ),
    ),
    (
        "Carolina",
        "Rojas",
        "woman",
        ["es", "en"],
        "goteborg",
        (
            "Spanskundervisning för företag",
            "P",
            "Spanska för anställda som arbetar med Spanien och Latinamerika, på plats eller online.",
            "Exportföretag och rederier i Göteborg.",
        ),
    ),
    (
        "Birgitta",
        "Holm",
        "woman",
        [],
        "tjorn",
        (
            "Fiskrökeri och försäljning",
            "C",
            "Kallrökt och varmrökt fisk från lokala fiskare, sålt i hamnen och på marknader.",
            "Sommarboende på Tjörn och restauranger på Orust.",
        ),
    ),
    (
        "Jonas",
        "Fredriksson",
        "man",
        ["en", "fi"],
        "partille",
        (
            "IT-support för småföretag",
            "J",
            "Fast pris per månad för datorer, säkerhetskopior och lösenordshantering.",
            "Företag med två till tjugo anställda i Partille och Lerum.",
        ),
    ),
    (
        "Linnea",
        "Sandberg",
        "woman",
        ["en"],
        "ockero",
        (
            "Kajakuthyrning och guidade turer",
            "R",
            "Uthyrning av kajaker och guidade paddlingar i skärgården.",
            "Turister och företag som vill ha en aktivitet för personalen.",
        ),
    ),
    (
        "Amal",
        "Hassan",
        "woman",
        ["so", "ar"],
        "goteborg",
        (
            "Sömnadsateljé",
            "C",
            "Ändringar och lagning av kläder, och uniformer i små serier.",
            "Privatpersoner och restauranger i Hjällbo och Hammarkullen.",
        ),
    ),
    (
        "Peter",
        "Wallin",
        "man",
        [],
        None,
        (
            "Trädgårdsskötsel för fastighetsägare",
            "N",
            "Gräsklippning, beskärning och snöröjning på årsavtal.",
            "Fastighetsägare och samfälligheter i kranskommunerna.",
        ),
    ),
]

# Shared notes of the past participants' logged meetings.
ALUMNI_MEETING_NOTES = [
    "Gick igenom budgeten för första året och vad som behövs för att gå plus.",
    "Pratade om prissättning; nästa gång tar vi med tre offerter som exempel.",
    "Besökte en möjlig kund tillsammans och gick igenom hur det gick efteråt.",
    "Skrev klart affärsplanens marknadsdel. Ska visa den för banken.",
    "Gick igenom F-skatt, moms och vad som gäller för enskild firma jämfört med aktiebolag.",
    "Tittade på webbsidan och bestämde vad som ska stå på startsidan.",
    "Pratade om att anställa den första personen och vad det kostar.",
    "Kort avstämning på telefon: offerten är skickad, vi hörs när svaret kommit.",
    "Lade upp en plan för de första tre månaderna, med ett mål per vecka.",
    "Gick igenom vilka nätverk och mässor som är värda tiden.",
]

# Comments in the past participants' exit surveys (most leave none).
ALUMNI_SURVEY_COMMENTS = [
    "Mentorn hjälpte mig att våga ta betalt för det jag kan.",
    "Bra att ha någon att ringa när det kändes tungt.",
    "Jag hade gärna haft fler träffar i början.",
    "Tack! Utan programmet hade jag inte startat.",
    "Träffarna online fungerade bättre än jag trodde.",
]
