"""The starter record's organisation block and its recipients file (templates: see :mod:`ropa_check.starter.text`)."""

from __future__ import annotations

ORGANISATION = """\
# yaml-language-server: $schema=@SCHEMA@
#
en|# The record of processing activities (GDPR Art. 30) of the organisation below,
en|# started by `ropa-check init`. The record is this folder: this file holds the
en|# organisation, recipients.yaml the recipients and activities/ one file for each
en|# processing activity. Entries refer to each other by id, across files.
en|#
en|# Nothing here is a fact about the organisation until you have checked it. The
en|# activities are those most organisations have: delete the ones you do not carry
en|# out and add the ones you do. Where only you know the answer the value is left
en|# out (a commented key shows where it goes), and `ropa-check` reports it: the
en|# findings are the to-do list, each citing the provision that asks for it.
en|# Art. 30(3): the record is kept in writing, which includes electronic form;
en|# Art. 30(4): it is made available to the supervisory authority on request.
sv|# Förteckningen över behandlingar (artikel 30 i dataskyddsförordningen, GDPR)
sv|# för organisationen nedan, påbörjad med `ropa-check init`. Förteckningen är den
sv|# här mappen: den här filen beskriver organisationen, recipients.yaml mottagarna
sv|# och activities/ har en fil per behandling. Posterna hänvisar till varandra med
sv|# id, även mellan filer.
sv|#
sv|# Inget här är ett faktum om organisationen förrän ni har kontrollerat det.
sv|# Behandlingarna är sådana som de flesta organisationer har: ta bort dem ni inte
sv|# utför och lägg till dem ni utför. Där bara ni vet svaret är värdet utelämnat
sv|# (en bortkommenterad nyckel visar var det ska stå), och `ropa-check` påpekar det:
sv|# fynden är att-göra-listan, och varje fynd anger bestämmelsen som kräver uppgiften.
sv|# Art. 30.3: förteckningen ska vara skriftlig, vilket inbegriper elektronisk form;
sv|# art. 30.4: den ska på begäran göras tillgänglig för tillsynsmyndigheten.
en|ropa_format: "1.1"   # the record format's version, written as text
sv|ropa_format: "1.1"   # formatets version, skriven som text
organisation:
en|  # Art. 30(1)(a): the name and contact details of the controller, and where
en|  # applicable of the joint controller, the controller's representative and the
en|  # data protection officer.
sv|  # Art. 30.1 a: namn och kontaktuppgifter för den personuppgiftsansvarige och i
sv|  # tillämpliga fall för gemensamt personuppgiftsansvariga, den
sv|  # personuppgiftsansvariges företrädare och dataskyddsombudet.
  controller:
    name: @ORG@
    country: @COUNTRY@   # ISO 3166-1 alpha-2
en|    # The contact details (Art. 30(1)(a)); a functional mailbox outlives a person's:
sv|    # Kontaktuppgifterna (art. 30.1 a); en funktionsbrevlåda överlever en persons:
    # address:
    # email:
    # phone:
se|    # org_number:   # organisationsnummer
en|    # url:          # the organisation's website
sv|    # url:          # organisationens webbplats
en|  # The data protection officer (Art. 37): designated where Art. 37(1) requires
en|  # it (a public authority; core activities of regular and systematic monitoring
en|  # on a large scale, or of special-category or criminal-offence data on a large
en|  # scale). If one is designated, their contact details belong here
en|  # (Art. 30(1)(a), 37(7)); if not, say where the assessment is documented.
sv|  # Dataskyddsombudet (art. 37): ska utses där art. 37.1 kräver det (en myndighet;
sv|  # kärnverksamhet som består av regelbunden och systematisk övervakning i stor
sv|  # omfattning, eller av känsliga personuppgifter eller uppgifter om lagöverträdelser
sv|  # i stor omfattning). Är ett ombud utsett hör kontaktuppgifterna hit (art. 30.1 a,
sv|  # 37.7); annars anges var bedömningen är dokumenterad.
  # dpo:
  #   designated:       # true / false
  #   name:
  #   email:
  #   assessment_ref:
!eea+en|  # The controller is established outside the EEA. If Art. 3(2) applies (goods or
!eea+en|  # services offered to, or behaviour monitored of, people in the Union), Art. 27
!eea+en|  # requires a representative in the Union, whose details belong here
!eea+en|  # (Art. 30(1)(a)), unless Art. 27(2) exempts it (occasional processing, unlikely
!eea+en|  # to be a risk, without large-scale Art. 9(1) or Art. 10 data; or a public
!eea+en|  # authority or body). Otherwise say why none is needed.
!eea+sv|  # Den personuppgiftsansvarige är etablerad utanför EES. Om art. 3.2 är
!eea+sv|  # tillämplig (varor eller tjänster erbjuds personer i unionen, eller deras
!eea+sv|  # beteende övervakas) kräver art. 27 en företrädare i unionen, vars uppgifter hör
!eea+sv|  # hit (art. 30.1 a), om inte art. 27.2 undantar den (tillfällig behandling som
!eea+sv|  # sannolikt inte medför en risk, utan uppgifter enligt art. 9.1 eller 10 i stor
!eea+sv|  # omfattning; eller en offentlig myndighet eller ett offentligt organ). Annars
!eea+sv|  # anges varför ingen behövs.
!eea|  # representative:
!eea|  #   name:
!eea|  #   email:
!eea|  # representative_exemption:
en|  # The supervisory authority the record is kept available for (Art. 30(4)); for
en|  # cross-border processing the authority of the main establishment (Art. 56(1)).
sv|  # Tillsynsmyndigheten som förteckningen hålls tillgänglig för (art. 30.4); vid
sv|  # gränsöverskridande behandling myndigheten där huvudverksamheten finns (art. 56.1).
en+se|  # In Sweden: Integritetsskyddsmyndigheten (IMY), named so since 1 January 2021.
sv+se|  # I Sverige: Integritetsskyddsmyndigheten (IMY), som heter så sedan 1 januari 2021.
  # supervisory_authority:
en|  # Art. 30(5): an organisation with fewer than 250 employees need not keep a
en|  # record, unless its processing is likely to result in a risk, is not
en|  # occasional, or includes Art. 9(1) or Art. 10 data. Keeping one is how the
en|  # rest of the Regulation is shown to be met (Art. 5(2), 24(1)).
sv|  # Art. 30.5: en organisation med färre än 250 anställda behöver inte föra
sv|  # förteckning, om inte behandlingen sannolikt medför en risk, inte är
sv|  # tillfällig eller omfattar uppgifter enligt art. 9.1 eller art. 10. Förteckningen
sv|  # är hur ni visar att resten av förordningen följs (art. 5.2, 24.1).
en|  # headcount:                    # the number of employees
sv|  # headcount:                    # antal anställda
  # art30_5_exemption_claimed:     # true / false
en|  # public_authority:             # true for a public authority or body (Art. 37(1)(a))
sv|  # public_authority:             # true för en myndighet eller ett offentligt organ (art. 37.1 a)
en|  # Art. 30(1)(g): where possible, a general description of the technical and
en|  # organisational security measures of Art. 32(1). Measures written here apply to
en|  # every activity; an activity adds its own. Name real measures (encryption,
en|  # access control, logging), not the duty to protect data.
sv|  # Art. 30.1 g: om möjligt en allmän beskrivning av de tekniska och organisatoriska
sv|  # säkerhetsåtgärder som avses i art. 32.1. Åtgärder här gäller alla behandlingar;
sv|  # en behandling kan lägga till egna. Ange verkliga åtgärder (kryptering,
sv|  # behörighetsstyrning, loggning), inte skyldigheten att skydda uppgifterna.
  # security_measures:
  #   -
  # security_policy_ref:
en|  # Art. 33(5): personal data breaches are documented; say where.
sv|  # Art. 33.5: personuppgiftsincidenter ska dokumenteras; ange var.
  # breach_register_ref:
en|  # The privacy notice that informs data subjects (Art. 13, 14).
sv|  # Integritetspolicyn som informerar de registrerade (art. 13, 14).
  # privacy_notice_ref:
en|  # The data subjects' rights offered (Art. 15-22) and how requests are handled
en|  # (Art. 12). Access, rectification and restriction apply whatever the basis.
sv|  # De registrerades rättigheter (art. 15-22) och hur begäranden hanteras (art. 12).
sv|  # Tillgång, rättelse och begränsning gäller oavsett rättslig grund.
  # rights:
  #   available: [access, rectification, erasure, restriction, portability, objection]
  #   procedure_ref:
en|  # The record's own details: it is a living document, reviewed as processing
en|  # changes (Art. 5(2), 24(1)).
sv|  # Förteckningens egna uppgifter: den är ett levande dokument som ses över när
sv|  # behandlingarna ändras (art. 5.2, 24.1).
  record:
    created: @TODAY@
    language: @LANG@
en|    # version:
en|    # owner:            # who keeps the record (a role)
en|    # last_reviewed:    # YYYY-MM-DD
sv|    # version:
sv|    # owner:            # vem som ansvarar för förteckningen (en roll)
sv|    # last_reviewed:    # ÅÅÅÅ-MM-DD
"""

RECIPIENTS = """\
# yaml-language-server: $schema=@SCHEMA@
#
en|# Recipients (Art. 30(1)(d)): everyone personal data are disclosed to, named
en|# once here and referred to by id from the activities' `recipients` lists. An
en|# activity that discloses to no one says so with `recipients: []`.
sv|# Mottagare (art. 30.1 d): alla som personuppgifter lämnas ut till, beskrivna en
sv|# gång här och angivna med id i behandlingarnas `recipients`-listor. En behandling
sv|# som inte lämnar ut uppgifter till någon anger det med `recipients: []`.
#
en|# `kind` says what the recipient is, and what the record must show for it:
en|#   processor         processes on your behalf: the Art. 28(3) contract (contract_ref)
en|#                     and its sub-processors (Art. 28(2), 28(4))
en|#   controller        uses the data for its own purposes: the basis for disclosing
en|#   joint_controller  decides purposes and means with you: the Art. 26 arrangement
en|#   authority         a public authority
en|#   internal          a part of your own organisation
en|#   public            publication
en|# `country` decides whether the disclosure is a transfer to a third country
en|# (Art. 44-49), which the activity then lists in `transfers` (Art. 30(1)(e)).
sv|# `kind` anger vad mottagaren är, och vad förteckningen ska visa om den:
sv|#   processor         personuppgiftsbiträde: avtalet enligt art. 28.3 (contract_ref)
sv|#                     och dess underbiträden (art. 28.2, 28.4)
sv|#   controller        använder uppgifterna för egna ändamål: grunden för utlämnandet
sv|#   joint_controller  bestämmer ändamål och medel tillsammans med er: arrangemanget
sv|#                     enligt art. 26
sv|#   authority         en myndighet
sv|#   internal          en del av den egna organisationen
sv|#   public            publicering
sv|# `country` avgör om utlämnandet är en överföring till tredjeland (art. 44-49),
sv|# som behandlingen då anger under `transfers` (art. 30.1 e).
recipients: []
en|  # - id: payroll-provider
en|  #   name:
en|  #   kind: processor
en|  #   country:
en|  #   contract_ref:          # the Art. 28(3) data processing agreement
en|  #   sub_processors: []
sv|  # - id: lonesystem
sv|  #   name:
sv|  #   kind: processor
sv|  #   country:
sv|  #   contract_ref:          # personuppgiftsbiträdesavtalet enligt art. 28.3
sv|  #   sub_processors: []
"""
