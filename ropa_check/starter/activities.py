"""The starter record's processing activities: those most organisations have, one file each.

Each activity states what the activity is (its purposes, data subjects and
data categories, as a proposal to check) and leaves out what only the
organisation knows: lawful bases, retention, recipients, sources, security
measures, the DPIA screening. ropa-check reports each gap with the provision
that asks for it. Templates: see :mod:`ropa_check.starter.text`.
"""

from __future__ import annotations

from dataclasses import dataclass

HEADER = """\
# yaml-language-server: $schema=@SCHEMA@
#
en|# Art. 30(1): one entry per processing activity. This one is a proposal: check
en|# every value, delete what you do not do, add what you do; delete the file if
en|# the organisation does not carry out the activity.
en|#
en|# Every entry has an `id` (lower case letters, digits, '-'), by which other
en|# entries and the findings refer to it, and a `name` or `description` in words.
en|# `tags` come from controlled vocabularies (`ropa-check vocabularies` lists
en|# them): they tell the rules what a purpose, a person or a piece of data is.
sv|# Art. 30.1: en post per behandling. Den här är ett förslag: kontrollera varje
sv|# värde, ta bort det ni inte gör och lägg till det ni gör; ta bort filen om
sv|# organisationen inte utför behandlingen.
sv|#
sv|# Varje post har ett `id` (små bokstäver, siffror, '-'), som andra poster och
sv|# fynden hänvisar till den med, och ett `name` eller en `description` i ord.
sv|# `tags` kommer från kontrollerade vokabulärer (`ropa-check vocabularies` listar
sv|# dem): de talar om för reglerna vad ett ändamål, en person eller en uppgift är.
activities:
"""

PURPOSES = """\
en|    # Art. 30(1)(b): the purposes, each specified and explicit (Art. 5(1)(b)).
en|    # Each purpose needs its own Art. 6(1) lawful basis, chosen and documented by
en|    # you (Art. 5(2)) and stated in the privacy notice (Art. 13(1)(c)):
en|    #   lawful_basis:
en|    #     art6:   # consent, contract, legal_obligation, vital_interests,
en|    #             # public_task or legitimate_interests
en|    #     # with its evidence: contract_ref; legal_obligation_ref (the statute);
en|    #     # legitimate_interest and lia_ref (the balancing test); consent_record_ref
en|    #     # and consent_withdrawal (Art. 7(1), 7(3))
sv|    # Art. 30.1 b: ändamålen, vart och ett särskilt och uttryckligt angivet
sv|    # (art. 5.1 b). Varje ändamål behöver en egen rättslig grund enligt art. 6.1, som
sv|    # ni väljer och dokumenterar (art. 5.2) och anger i integritetspolicyn (art. 13.1 c):
sv|    #   lawful_basis:
sv|    #     art6:   # consent (samtycke), contract (avtal), legal_obligation (rättslig
sv|    #             # förpliktelse), vital_interests, public_task (uppgift av allmänt
sv|    #             # intresse) eller legitimate_interests (berättigat intresse)
sv|    #     # med underlaget: contract_ref; legal_obligation_ref (lagrummet);
sv|    #     # legitimate_interest och lia_ref (intresseavvägningen); consent_record_ref
sv|    #     # och consent_withdrawal (art. 7.1, 7.3)
"""

SUBJECTS = """\
en|    # Art. 30(1)(c): the categories of data subjects.
sv|    # Art. 30.1 c: kategorierna av registrerade.
"""

CATEGORIES = """\
en|    # Art. 30(1)(c): the categories of personal data. A category may state its own
en|    # purposes, lawful basis, retention and recipients; otherwise it has the
en|    # activity's.
sv|    # Art. 30.1 c: kategorierna av personuppgifter. En kategori kan ange egna
sv|    # ändamål, rättslig grund, lagringstid och mottagare; annars gäller behandlingens.
"""

TAIL = """\
en|    # Where the data come from (Art. 14(2)(f)): ids of entries in a top-level
en|    # `sources:` list ({id, name, type}), in any file of the record.
sv|    # Var uppgifterna kommer ifrån (art. 14.2 f): id för poster i en `sources:`-lista
sv|    # på översta nivån ({id, name, type}), i valfri fil i förteckningen.
    # sources: []
en|    # Art. 30(1)(d): the recipients, by id from recipients.yaml; [] says there are none.
sv|    # Art. 30.1 d: mottagarna, med id från recipients.yaml; [] anger att det inte finns några.
@RECIPIENTS_HINT@
    # recipients: []
en|    # Art. 30(1)(e): transfers to a third country or an international organisation,
en|    # each with its mechanism (Art. 45, 46 or 49): a recipient or a data location
en|    # outside the EEA needs one.
sv|    # Art. 30.1 e: överföringar till tredjeland eller internationell organisation,
sv|    # var och en med sin mekanism (art. 45, 46 eller 49): en mottagare eller
sv|    # lagringsplats utanför EES kräver en.
    # transfers:
    #   - {country: , recipient: , mechanism: }
en|    # Art. 30(1)(f): where possible, the time limits for erasure; data are kept no
en|    # longer than the purposes need (Art. 5(1)(e)). A duration in ISO 8601 (P2Y,
en|    # P6M) from an event, or criteria with a review interval; legal_ref names the
en|    # statute where one sets the period.
sv|    # Art. 30.1 f: om möjligt tidsfristerna för radering; uppgifterna sparas inte
sv|    # längre än ändamålen kräver (art. 5.1 e). En tid enligt ISO 8601 (P2Y, P6M)
sv|    # från en händelse, eller kriterier med ett intervall för omprövning; legal_ref
sv|    # anger lagen där en lag bestämmer tiden.
@RETENTION_HINT@
    # retention:
    #   duration:
    #   start_event:
    #   legal_ref:
en|    # Art. 30(1)(g): the security measures of Art. 32(1) for this activity, if the
en|    # organisation's (organisation.yaml) do not already cover it.
sv|    # Art. 30.1 g: säkerhetsåtgärderna enligt art. 32.1 för behandlingen, om
sv|    # organisationens (organisation.yaml) inte redan täcker den.
    # security_measures:
    #   -
en|    # Art. 35: the DPIA screening, the WP248 criteria (1-9) that hold, and the DPIA
en|    # itself where the processing is likely to result in a high risk.
sv|    # Art. 35: förhandsbedömningen, de kriterier i WP248 (1-9) som är uppfyllda, och
sv|    # konsekvensbedömningen där behandlingen sannolikt leder till en hög risk.
en+se|    # In Sweden IMY's list under Art. 35(4) applies too.
sv+se|    # I Sverige gäller också IMY:s förteckning enligt art. 35.4.
    # dpia:
    #   screening: []
    #   screening_ref:
    #   required:
    #   status:         # not_started, in_progress, done, approved
    #   ref:
"""

OWNER = """\
en|    # owner:   # who answers for the activity (a role): Art. 5(2), 24(1)
sv|    # owner:   # vem som ansvarar för behandlingen (en roll): art. 5.2, 24.1
"""


@dataclass(frozen=True)
class Activity:
    """One starter activity: its file name per language and its template.

    ``%OWNER%``, ``%PURPOSES%``, ``%SUBJECTS%`` and ``%CATEGORIES%`` lines in the
    body stand for the explanations every activity shares.
    """

    names: dict[str, str]
    body: str
    recipients_hint: str = ""
    retention_hint: str = ""

    def template(self) -> str:
        """The whole file's template: header, the activity, and the fields left for the organisation."""
        body = self.body
        for marker, block in (
            ("OWNER", OWNER),
            ("PURPOSES", PURPOSES),
            ("SUBJECTS", SUBJECTS),
            ("CATEGORIES", CATEGORIES),
        ):
            body = body.replace(f"%{marker}%\n", block)
        tail = TAIL.replace("@RECIPIENTS_HINT@\n", self.recipients_hint).replace(
            "@RETENTION_HINT@\n", self.retention_hint
        )
        return HEADER + body + tail


STAFF = Activity(
    names={"en": "staff-administration", "sv": "personaladministration"},
    body="""\
en|  - id: staff-administration
en|    name: Staff administration and payroll
sv|  - id: personaladministration
sv|    name: Personaladministration och lön
%OWNER%
%PURPOSES%
    purposes:
en|      - id: employment
en|        description: Administering employment (contracts, working time, leave and absence).
sv|      - id: anstallning
sv|        description: Att administrera anställningar (avtal, arbetstid, ledighet och frånvaro).
        tags: [hr]
en|      - id: payroll
en|        description: Paying salaries and reporting pay, tax deducted and employer contributions.
sv|      - id: lon
sv|        description: Att betala lön och redovisa lön, avdragen skatt och arbetsgivaravgifter.
        tags: [hr, legal_compliance]
%SUBJECTS%
    data_subjects:
en|      - id: employees
en|        name: Employees
sv|      - id: anstallda
sv|        name: Anställda
        tags: [employee]
%CATEGORIES%
    data_categories:
en|      - id: contact-details
en|        name: Name, address, e-mail and telephone number
sv|      - id: kontaktuppgifter
sv|        name: Namn, adress, e-post och telefonnummer
        tags: [identity, contact]
en+se|      - id: personnummer
en+se|        name: Personnummer (personal identity number)
sv+se|      - id: personnummer
sv+se|        name: Personnummer
en+!se|      - id: national-id
en+!se|        name: National identification number
sv+!se|      - id: identitetsnummer
sv+!se|        name: Nationellt identitetsnummer
        tags: [national_id]
en|        # Art. 87: Member States may set conditions for national identification numbers.
sv|        # Art. 87: medlemsstaterna får fastställa villkor för nationella identitetsnummer.
en+se|        # Dataskyddslagen (2018:218) 3 kap. 10 §: without consent, personnummer may be
en+se|        # processed only when clearly justified by the purpose, the importance of
en+se|        # secure identification or another considerable reason. Record which:
sv+se|        # Dataskyddslagen (2018:218) 3 kap. 10 §: utan samtycke får personnummer bara
sv+se|        # behandlas när det är klart motiverat med hänsyn till ändamålet, vikten av en
sv+se|        # säker identifiering eller något annat beaktansvärt skäl. Ange vilket:
se|        # national_id_justification:
en+se|        #   ground:        # purpose, secure_identification or other_considerable_reason
sv+se|        #   ground:        # purpose, secure_identification eller other_considerable_reason
se|        #   text:
se|        #   statute_ref:
se|        #   approved_by:
en|      - id: pay
en|        name: Salary, bank account, tax and employer contributions
sv|      - id: loneuppgifter
sv|        name: Lön, bankkonto, skatt och arbetsgivaravgifter
        tags: [financial]
en+se|        # Pay records that are accounting records (räkenskapsinformation) are kept under
en+se|        # Bokföringslagen (1999:1078) 7 kap. 2 §: tag those accounting_records.
sv+se|        # Löneunderlag som är räkenskapsinformation bevaras enligt Bokföringslagen
sv+se|        # (1999:1078) 7 kap. 2 §: tagga dem accounting_records.
en|      - id: absence
en|        name: Sick leave and other absence
sv|      - id: franvaro
sv|        name: Sjukfrånvaro och annan frånvaro
        tags: [special_category:health]
en|        # Data concerning health (Art. 9(1)) need an Art. 9(2) condition, e.g. (b)
en|        # employment law, and the Union or Member State law it rests on (art9_law).
sv|        # Uppgifter om hälsa (art. 9.1) kräver ett undantag i art. 9.2, t.ex. b
sv|        # (arbetsrätt), och den lag i unionen eller medlemsstaten som det vilar på (art9_law).
en+se|        # In Sweden that law is found in Dataskyddslagen (2018:218) 3 kap.
sv+se|        # I Sverige finns den lagen i dataskyddslagen (2018:218) 3 kap.
        # art9_condition:
        # art9_law:
""",
    recipients_hint="""\
en|    # e.g. a payroll system provider (processor), a pension or insurance company,
en|    # the tax authority (authority).
sv|    # t.ex. ett lönesystem (personuppgiftsbiträde), pensions- eller försäkringsbolag,
sv+!se|    # skattemyndigheten (authority).
sv+se|    # Skatteverket (authority).
""",
    retention_hint="""\
en|    # Often a different period per category: give each category its own retention.
sv|    # Ofta olika tider för olika kategorier: ge varje kategori en egen lagringstid.
""",
)

CUSTOMERS = Activity(
    names={"en": "customers", "sv": "kunder"},
    body="""\
en|  - id: customers
en|    name: Customers
sv|  - id: kunder
sv|    name: Kunder
%OWNER%
%PURPOSES%
    purposes:
en|      - id: orders
en|        description: Delivering what customers order, invoicing them and handling payments.
sv|      - id: bestallningar
sv|        description: Att leverera det kunder beställer, fakturera dem och hantera betalningar.
        tags: [contract_performance]
en|      - id: customer-service
en|        description: Answering customers' questions, complaints and warranty claims.
sv|      - id: kundservice
sv|        description: Att besvara kunders frågor, reklamationer och garantiärenden.
        tags: [customer_service]
%SUBJECTS%
    data_subjects:
en|      - id: customers
en|        name: Customers who are natural persons
sv|      - id: kunder
sv|        name: Kunder som är fysiska personer
        tags: [customer]
en|      - id: contact-persons
en|        name: Contact persons at business customers
sv|      - id: kontaktpersoner
sv|        name: Kontaktpersoner hos företagskunder
        tags: [contact_person]
%CATEGORIES%
    data_categories:
en|      - id: contact-details
en|        name: Name, address, e-mail and telephone number
sv|      - id: kontaktuppgifter
sv|        name: Namn, adress, e-post och telefonnummer
        tags: [identity, contact]
en|      - id: orders
en|        name: Orders, deliveries, invoices and payments
sv|      - id: bestallningar
sv|        name: Beställningar, leveranser, fakturor och betalningar
        tags: [transaction, financial]
en|      - id: correspondence
en|        name: Questions, complaints and the answers to them
sv|      - id: arenden
sv|        name: Frågor, reklamationer och svaren på dem
        tags: [communication]
""",
    retention_hint="""\
en+se|    # Invoices are accounting records: Bokföringslagen (1999:1078) 7 kap. 2 §.
sv+se|    # Fakturor är räkenskapsinformation: Bokföringslagen (1999:1078) 7 kap. 2 §.
""",
)

WEBSITE = Activity(
    names={"en": "website", "sv": "webbplats"},
    body="""\
en|  - id: website
en|    name: Website statistics with cookies
sv|  - id: webbplats
sv|    name: Besöksstatistik för webbplatsen med cookies
%OWNER%
%PURPOSES%
    purposes:
en|      - id: statistics
en|        description: Measuring how the website's pages are used, to improve them.
sv|      - id: besoksstatistik
sv|        description: Att mäta hur webbplatsens sidor används, för att förbättra dem.
        tags: [analytics]
%SUBJECTS%
    data_subjects:
en|      - id: visitors
en|        name: Visitors to the website
sv|      - id: besokare
sv|        name: Besökare på webbplatsen
        tags: [website_visitor]
%CATEGORIES%
    data_categories:
en|      - id: cookie-ids
en|        name: Identifiers stored in cookies
sv|      - id: cookie-id
sv|        name: Identifierare som lagras i cookies
        tags: [cookie_id]
en|      - id: ip-addresses
en|        name: IP addresses
sv|      - id: ip-adresser
sv|        name: IP-adresser
        tags: [ip_address]
en|      - id: page-views
en|        name: Pages visited and when
sv|      - id: sidvisningar
sv|        name: Besökta sidor och när
        tags: [behavioural]
en|    # Storing or reading information on a visitor's device (cookies, pixels, local
en|    # storage) needs the visitor's consent, unless it only carries a communication
en|    # or is strictly necessary for a service the visitor asked for (ePrivacy
en|    # Directive 2002/58/EC Art. 5(3)); statistics are neither. Say how consent is
en|    # asked and recorded:
sv|    # Att lagra eller läsa information i besökarens utrustning (cookies, pixlar,
sv|    # lokal lagring) kräver besökarens samtycke, om det inte bara behövs för att
sv|    # överföra ett meddelande eller är nödvändigt för en tjänst som besökaren har
sv|    # begärt (eDataskyddsdirektivet 2002/58/EG art. 5.3); statistik är inget av
sv|    # dem. Ange hur samtycket inhämtas och registreras:
en+se|    # in Sweden LEK (2022:482) 9 kap. 28 §.
sv+se|    # i Sverige LEK (2022:482) 9 kap. 28 §.
    terminal_equipment_access:
en|      used: true               # the website stores or reads information on devices
en|      technologies: [cookie]   # cookie, local_storage, sdk, pixel, fingerprint, other
sv|      used: true               # webbplatsen lagrar eller läser information i utrustningen
sv|      technologies: [cookie]   # cookie, local_storage, sdk, pixel, fingerprint, other
      # strictly_necessary:
      # consent_mechanism:
""",
    recipients_hint="""\
en|    # e.g. the analytics provider (processor; its country may make this a transfer).
sv|    # t.ex. leverantören av analysverktyget (personuppgiftsbiträde; dess land kan
sv|    # göra detta till en överföring).
""",
)

NEWSLETTER = Activity(
    names={"en": "newsletter", "sv": "nyhetsbrev"},
    body="""\
en|  - id: newsletter
en|    name: Newsletter by e-mail
sv|  - id: nyhetsbrev
sv|    name: Nyhetsbrev via e-post
%OWNER%
%PURPOSES%
    purposes:
en|      - id: newsletter
en|        description: Sending a newsletter about the organisation's offers to those who subscribe.
sv|      - id: nyhetsbrev
sv|        description: Att skicka nyhetsbrev om organisationens erbjudanden till dem som prenumererar.
        tags: [direct_marketing]
%SUBJECTS%
    data_subjects:
en|      - id: subscribers
en|        name: Subscribers
sv|      - id: prenumeranter
sv|        name: Prenumeranter
        tags: [newsletter_subscriber]
%CATEGORIES%
    data_categories:
en|      - id: e-mail
en|        name: E-mail address
sv|      - id: e-post
sv|        name: E-postadress
        tags: [contact]
en|    # Direct marketing: people may object at any time, and it must stop
en|    # (Art. 21(2), 21(3)). E-mail marketing to natural persons needs their prior
en|    # consent, or the existing-customer exception (ePrivacy Directive 2002/58/EC
en|    # Art. 13(1), 13(2)).
sv|    # Direktmarknadsföring: den registrerade kan när som helst invända, och då ska
sv|    # den upphöra (art. 21.2, 21.3). Marknadsföring via e-post till fysiska personer
sv|    # kräver deras förhandssamtycke, eller undantaget för befintliga kunder
sv|    # (eDataskyddsdirektivet 2002/58/EG art. 13.1, 13.2).
en+se|    # In Sweden: Marknadsföringslagen (2008:486) 19 §.
sv+se|    # I Sverige: marknadsföringslagen (2008:486) 19 §.
    direct_marketing:
en|      used: true          # the newsletter is direct marketing
en|      channels: [email]   # email, sms, phone, post, online_ads, in_app, other
sv|      used: true          # nyhetsbrevet är direktmarknadsföring
sv|      channels: [email]   # email, sms, phone, post, online_ads, in_app, other
en|      # objection_mechanism:     # how people unsubscribe, and how that is respected
sv|      # objection_mechanism:     # hur man avregistrerar sig, och hur det respekteras
en+se|      # marketing_consent_ref:   # where the consents are kept
en+se|      # soft_opt_in:             # or why the existing-customer exception applies
sv+se|      # marketing_consent_ref:   # var samtyckena finns
sv+se|      # soft_opt_in:             # eller varför undantaget för befintliga kunder gäller
""",
    recipients_hint="""\
en|    # e.g. the e-mail service provider (processor).
sv|    # t.ex. leverantören av utskickstjänsten (personuppgiftsbiträde).
""",
)

RECRUITMENT = Activity(
    names={"en": "recruitment", "sv": "rekrytering"},
    body="""\
en|  - id: recruitment
en|    name: Recruitment
sv|  - id: rekrytering
sv|    name: Rekrytering
%OWNER%
%PURPOSES%
    purposes:
en|      - id: recruitment
en|        description: Assessing applications and choosing whom to employ.
sv|      - id: rekrytering
sv|        description: Att bedöma ansökningar och välja vem som ska anställas.
        tags: [recruitment]
%SUBJECTS%
    data_subjects:
en|      - id: applicants
en|        name: Job applicants
sv|      - id: sokande
sv|        name: Arbetssökande
        tags: [job_applicant]
%CATEGORIES%
    data_categories:
en|      - id: contact-details
en|        name: Name, address, e-mail and telephone number
sv|      - id: kontaktuppgifter
sv|        name: Namn, adress, e-post och telefonnummer
        tags: [identity, contact]
en|      - id: applications
en|        name: CVs, cover letters, references and interview notes
sv|      - id: ansokningar
sv|        name: CV, personliga brev, referenser och intervjuanteckningar
        tags: [communication]
""",
    retention_hint="""\
en|    # Often different for those employed and those not: give each its own period.
sv|    # Ofta olika för dem som anställs och dem som inte gör det: ange båda.
""",
)

VIDEO = Activity(
    names={"en": "video-surveillance", "sv": "kamerabevakning"},
    body="""\
en|  - id: video-surveillance
en|    name: Video surveillance of the premises
sv|  - id: kamerabevakning
sv|    name: Kamerabevakning av lokalerna
%OWNER%
%PURPOSES%
    purposes:
en|      - id: security
en|        description: Preventing and investigating crime against people and property on the premises.
sv|      - id: brottsforebyggande
sv|        description: Att förebygga och utreda brott mot personer och egendom i lokalerna.
        tags: [video_surveillance, security]
%SUBJECTS%
    data_subjects:
en|      - id: people-filmed
en|        name: People in the monitored areas (employees, customers, visitors)
sv|      - id: filmade
sv|        name: Personer i de bevakade områdena (anställda, kunder, besökare)
        tags: [employee, customer]
%CATEGORIES%
    data_categories:
en|      - id: recordings
en|        name: Video recordings
sv|      - id: inspelningar
sv|        name: Videoinspelningar
        tags: [image]
en|    # Systematic monitoring of a publicly accessible area on a large scale requires
en|    # a DPIA (Art. 35(3)(c)); EDPB Guidelines 3/2019 on processing of personal data
en|    # through video devices. Say whether the area is publicly accessible and the
en|    # scale, which decide it:
sv|    # Systematisk övervakning av en allmän plats i stor omfattning kräver en
sv|    # konsekvensbedömning (art. 35.3 c); EDPB:s riktlinjer 3/2019 om behandling av
sv|    # personuppgifter genom videoenheter. Ange om området är allmänt tillgängligt
sv|    # och omfattningen, som avgör det:
en+se|    # In Sweden Kamerabevakningslagen (2018:1200) applies too (signs; a permit for
en+se|    # authorities and some others performing tasks of public interest).
sv+se|    # I Sverige gäller också kamerabevakningslagen (2018:1200) (upplysning genom
sv+se|    # skyltning; tillstånd för myndigheter och vissa andra med uppgifter av allmänt
sv+se|    # intresse).
    # public_area_monitoring:   # true / false
    # large_scale:
    #   approx_subjects:
    #   geographic_scope:
""",
    recipients_hint="""\
en|    # e.g. a security company (processor), the police on request (authority).
sv|    # t.ex. ett bevakningsföretag (personuppgiftsbiträde), polisen på begäran
sv|    # (authority).
""",
)

ACTIVITIES = (STAFF, CUSTOMERS, WEBSITE, NEWSLETTER, RECRUITMENT, VIDEO)
