"""Word lists for quotation attribution (internal to :mod:`analysis.quotes`).

Kept apart from the rules so that a study can read, cite and extend them. All entries are
lower case; matching folds case and curly apostrophes.
"""

from __future__ import annotations

from .._abbreviations import TITLE_ABBREVIATIONS


def _forms(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


#: Reporting verbs that introduce a clause with or without "that" ("X said the talks failed").
SAY_VERBS = _forms(
    """
    say says said saying
    tell tells told telling
    add adds added adding
    warn warns warned warning
    announce announces announced announcing
    stated stating
    stress stresses stressed stressing
    noted noting
    explain explains explained explaining
    insist insists insisted insisting
    argue argues argued arguing
    claimed claiming
    acknowledge acknowledges acknowledged acknowledging
    admit admits admitted admitting
    confirm confirms confirmed confirming
    deny denies denied denying
    suggest suggests suggested suggesting
    predict predicts predicted predicting
    promised promising
    vowed vowing
    pledged pledging
    reiterate reiterates reiterated reiterating
    emphasise emphasises emphasised emphasising emphasize emphasizes emphasized emphasizing
    underlined underlining
    underscored underscoring
    write writes wrote writing
    tweeted tweeting
    posted
    replied replying
    respond responds responded responding
    answered answering
    ask asks asked asking
    recall recalls recalled recalling
    declare declares declared declaring
    assert asserts asserted asserting
    concede concedes conceded conceding
    contend contends contended contending
    complain complains complained complaining
    report reports reported
    disclosed disclosing
    claim claims
    continued
    repeated
    remarked
    observe observes observed observing
    commented commenting
    hinted hinting
    indicate indicates indicated indicating
    signalled signaled signalling signaling
    threaten threatens threatened threatening
    assure assures assured assuring
    reassure reassures reassured reassuring
    inform informs informed informing
    remind reminds reminded reminding
    cautioned cautioning
    countered countering
    retorted retorting
    quipped quipping
    joked joking
    boasted boasting
    estimated
    agreed
    """
)

#: Speech-act verbs that name a stance rather than introduce a clause ("Moscow dismissed the
#: reports as "hysteria""): they attribute quotations in their sentence, and report speech
#: only with an explicit "that".
ACT_VERBS = _forms(
    """
    accuse accuses accused accusing
    blamed blaming
    condemn condemns condemned condemning
    criticise criticises criticised criticising criticize criticizes criticized criticizing
    praised praising
    welcomed welcoming
    reject rejects rejected rejecting
    dismiss dismisses dismissed dismissing
    denounce denounces denounced denouncing
    call calls called calling
    describe describes described describing
    labelled labeled labelling labeling
    branded branding
    termed
    slammed slamming
    hailed hailing
    urge urges urged urging
    demanded demanding
    appealed appealing
    shout shouts shouted shouting
    yell yells yelled yelling
    whisper whispers whispered whispering
    exclaim exclaims exclaimed exclaiming
    mutter mutters muttered muttering
    snapped
    pleaded pleading
    scoffed scoffing
    mused musing
    interjected interjecting
    chant chants chanted chanting
    """
)

#: Cue forms that are also common nouns ("the report", "his claims"): cues only when "that"
#: or the end of the sentence follows ("researchers report that ...", "..., sources report.").
NOUN_LIKE_CUES = _forms("report reports claim claims")

#: Multi-word cues, matched as whole phrases.
PHRASE_CUES = frozenset(
    {
        "according to",
        "as saying",
        "pointed out",
        "points out",
        "went on",
        "goes on",
        "put it",
        "puts it",
        "maintained that",
        "maintains that",
        "maintain that",
    }
)

#: Cue verbs that take a hearer before their clause ("told lawmakers that ...").
OBJECT_VERBS = _forms(
    """
    tell tells told telling warn warns warned warning assure assures assured assuring
    reassure reassures reassured reassuring inform informs informed informing
    remind reminds reminded reminding promise promises promised promising
    """
)

#: The default cue lexicon: every form above.
DEFAULT_CUES = SAY_VERBS | ACT_VERBS | PHRASE_CUES

#: Determiners and quantifiers that open a noun phrase.
DETERMINERS = _forms(
    "the a an his her its their our my your this these those another one two three four "
    "several some many other both each every most"
)

#: Subject pronouns; he/she/they/it are resolved to earlier speakers.
PRONOUNS = _forms("he she they it we i you")

#: Words that end a noun phrase when scanning for a speaker.
BOUNDARY = _forms(
    """
    is are was were be been being has have had having do does did done
    will would shall should can could may might must ought
    and or but nor so yet because although though while whereas if unless when whenever
    where after before since until as than that which who whom whose what why how
    in on at to from with by about into over under between through during against among
    without within upon onto toward towards across amid despite per via like off out up down
    not never no also still just already even only now then later earlier again
    meanwhile however reportedly recently previously repeatedly separately subsequently
    further moreover too here there today yesterday tonight tomorrow instead
    it he she they we i you me him them us
    around back away together forward ahead aside
    """
)

#: Words skipped between a speaker and the cue ("Lavrov had also stressed").
SKIP_BEFORE_CUE = _forms(
    """
    has have had was were is are will would also later then again previously earlier
    reportedly repeatedly recently separately subsequently further once publicly privately
    openly bluntly flatly firmly sharply quickly immediately angrily simply already too
    often frequently always today yesterday tonight himself herself itself themselves
    """
)

#: Time words that may sit between a speaker and the cue after "on"/"last"/"this".
TIME_WORDS = _forms(
    """
    monday tuesday wednesday thursday friday saturday sunday weekend week month year night
    morning afternoon evening day
    january february march april may june july august september october november december
    """
)

#: Lower-case nouns that can head a speaker noun phrase ("a senior official", "the ministry").
HEAD_NOUNS = _forms(
    """
    spokesman spokeswoman spokesperson spokespeople spokesmen spokeswomen
    minister ministers ministry secretary president chancellor ambassador envoy envoys
    diplomat diplomats official officials source sources analyst analysts expert experts
    lawmaker lawmakers legislator legislators senator senators congressman congresswoman
    governor mayor leader leaders chief head director commander general officer officers
    adviser advisers advisor advisors aide aides representative representatives negotiator
    negotiators government administration office department agency embassy palace military
    army alliance newspaper daily broadcaster channel police prosecutor prosecutors court
    judge witness witnesses resident residents activist activists protester protesters
    economist economists researcher researchers professor scientist scientists ceo chairman
    chairwoman member members counterpart deputy premier presidency council commission
    committee parliament ministry's union party bank company firm group organisation
    organization institute spokesperson's kremlin pentagon authorities authority mission
    delegation delegate delegates observer observers monitor monitors survivor survivors
    voter voters worker workers farmer farmers owner owners student students teacher
    teachers doctor doctors nurse nurses lawyer lawyers attorney correspondent reporter
    editor founder manager coach captain colonel sergeant lieutenant admiral
    barrister barristers solicitor solicitors counsel defendant plaintiff claimant magistrate
    coroner juror jurors detective inspector superintendent constable sheriff firefighter
    firefighters paramedic paramedics surgeon physician chair chairperson treasurer
    trustee trustees campaigner campaigners councillor councillors councilman councilwoman
    candidate candidates opponent opponents critic critics supporter supporters ally allies
    rival rivals investor investors trader traders strategist strategists executive
    executives shareholder shareholders regulator regulators watchdog consultant
    engineer engineers historian author writer novelist artist actor actress singer
    musician player players fan fans passenger passengers driver drivers pilot pilots
    parent parents mother father neighbour neighbours neighbor neighbors tenant tenants
    landlord landlords shopkeeper businessman businesswoman entrepreneur patient patients
    victim victims relative relatives villager villagers citizen citizens refugee refugees
    people person sides backbenchers backbencher governments mps
    soldier soldiers veteran veterans organiser organisers organizer organizers
    campaign federation association coalition league foundation trust charity society
    university college school hospital board club team network agency's institute's
    regulator's bureau service newspaper's magazine website station airline insurer
    retailer operator manufacturer maker producer supplier developer carrier recorder
    co-author co-authors colleague colleagues co-sponsor friend friends wife husband son
    daughter brother sister widow widower lecturer epidemiologist specialist clinician
    """
)

#: Documents that "say" things for whoever issued them ("the statement said").
SOURCE_NOUNS = _forms(
    "statement statements letter communique readout document report message post "
    "indictment complaint filing ruling affidavit memo memorandum transcript"
)

#: Documents that speak as printed, not for an earlier speaker ("according to the indictment").
DOCUMENT_SPEAKERS = _forms("indictment complaint filing ruling affidavit transcript")

#: Heads that make a noun phrase a group of people (resolved by "they").
GROUP_HEADS = _forms(
    """
    officials diplomats sources analysts experts lawmakers legislators senators leaders
    advisers advisors aides representatives negotiators envoys witnesses residents activists
    protesters economists researchers scientists members prosecutors spokespeople delegates
    observers monitors survivors voters workers farmers owners students teachers doctors
    nurses lawyers officers ministers authorities barristers solicitors jurors firefighters
    paramedics trustees campaigners councillors candidates opponents critics supporters allies
    rivals investors traders strategists executives shareholders regulators engineers players
    fans passengers drivers pilots parents neighbours neighbors tenants landlords patients
    victims relatives villagers citizens refugees soldiers veterans organisers organizers people
    sides backbenchers governments mps
    """
)

#: Heads and final words of organisation names ("the Ukrainian Defence Ministry").
ORG_HEADS = _forms(
    """
    ministry department office agency council commission committee party government
    administration palace house union organisation organization bank fund court parliament
    senate congress assembly embassy service group institute foundation company corp inc
    news times post journal press network television radio kremlin pentagon alliance army
    navy forces police guard presidency mission delegation authority authorities agency's
    federation association coalition league foundation trust charity society university
    centre center institution
    college school hospital board club team network institute bureau service watchdog
    regulator campaign airline airlines insurer retailer operator manufacturer maker
    producer supplier developer carrier firm company's holdings group's plc ltd llc co
    corporation partners capital energy motors systems technologies industries labs
    force staff command caucus guard
    """
)

#: Titles before a person's name; the name after the last title is the speaker
#: ("White House spokeswoman Jen Psaki" -> "Jen Psaki").
TITLES = _forms(
    """
    president chancellor minister secretary secretary-general ambassador spokesman
    spokeswoman spokesperson senator sen rep representative governor gov mayor general gen
    admiral adm director chief chairman chairwoman ceo head leader envoy commissioner
    professor prof dr mr mrs ms miss sir lord lady king queen prince princess pope judge
    justice colonel col lieutenant lt captain capt sergeant sgt officer prosecutor analyst
    economist lawyer attorney adviser advisor aide premier pm deputy vice member mp mep
    editor correspondent founder executive manager coach diplomat official negotiator
    researcher scientist expert commander dean rabbi imam bishop cardinal father sister
    dame mx rev reverend hon chair chairperson barrister solicitor detective inspector
    superintendent constable sheriff councillor treasurer cllr supt insp det fr messrs
    major brigadier corporal marshal recorder magistrate coroner speaker administrator
    cfo coo cto cmo td tds mla mpp mha mk taoiseach tanaiste t\u00e1naiste
    """
)

#: Adjectives ending in "-ly" inside speaker phrases ("early reviewers", "elderly residents").
LY_ADJECTIVES = _forms("early elderly daily weekly monthly yearly friendly costly lonely")

#: Words naming a ministry's field inside a title ("Minister of Water and Sanitation",
#: "Senior Minister of State for Manpower").
DEPARTMENT_WORDS = _forms(
    """
    health finance justice defence defense water sanitation manpower fisheries marine
    resources development foreign affairs home education transport trade industry energy
    environment agriculture state labour labor housing culture interior economy economic
    security communications infrastructure science technology innovation tourism sport
    sports youth women children family social welfare employment immigration planning
    public works local government rural urban mines mining petroleum oil gas power
    information broadcasting commerce investment treasury budget revenue national digital
    climate heritage arts veterans homeland intelligence water-resources
    """
)

#: Letters after a name ("Simon Ashcroft KC", "Peter Walsh MP", "John Smith Jr.").
POSTNOMINALS = _forms("kc qc sc mp mep msp ms am mla td jr sr ii iii iv phd obe mbe cbe kbe dbe frs")

#: Lower-case particles inside personal names ("Erik ten Hag", "Ursula von der Leyen").
NAME_PARTICLES = _forms("van von de der den ten ter da das dos du del della di la le bin al el")

#: Gendered words in a speaker's noun phrase.
FEMALE_WORDS = _forms(
    "mrs ms miss spokeswoman chairwoman congresswoman businesswoman queen princess lady "
    "madam madame sister mother wife daughter woman dame actress "
    "councilwoman grandmother widow"
)
MALE_WORDS = _forms(
    "mr spokesman chairman congressman businessman king prince lord sir father brother "
    "husband son man councilman grandfather widower"
)

#: Verb-like words that show a clause follows a cue ("said Russia remains a threat").
CLAUSE_VERBS = _forms(
    """
    is are was were be been has have had will would can could shall should may might must
    does do did won't wouldn't can't couldn't isn't wasn't aren't weren't hasn't haven't
    hadn't didn't doesn't don't shouldn't
    made gave took sent came went knew thought saw found told said got held kept left met
    paid put ran set stood won lost meant began brought bought built fell felt fought grew
    heard hit led let rose sold spoke spent struck understood wrote became chose drew drove
    remains wants needs plans hopes expects intends seeks believes supports opposes poses
    continues faces
    sat lay shot fled hid stole spread slid sank swam wore woke broke froze threw flew blew
    caught taught sought lent slept swept dealt hung fed stuck ate forgot quit shut split
    rode arose bore bent bit dug forgave leapt lit oversaw overtook shook shone sped spun
    sprang swore swung tore underwent undertook withdrew withheld
    """
)

#: Past tenses of cue verbs that do not end in "ed" (a headline's present tense is "says").
PAST_IRREGULAR = _forms("said told wrote spoke thought felt swore knew")

#: Words ending in "ed" that are not past-tense verbs.
NOT_VERBS_ED = _forms(
    """
    instead indeed hundred hundreds sacred naked wicked kindred beloved need needed? speed seed
    feed greed deed red bed shed breed creed steed weed bleed united limited advanced
    detailed sophisticated complicated dedicated talented skilled armed supposed so-called
    """.replace("needed?", "")
)

#: Words before a quotation that mark it as a scare quote when no speaker is near.
SCARE_MARKERS = _forms("so-called dubbed nicknamed termed word term phrase label known")

HEAD_NOUNS = HEAD_NOUNS | SOURCE_NOUNS | _forms(
    """
    countries nations states partners advocates groups families companies firms banks
    agencies unions communities neighbours neighbors locals academics scholars clergy staff
    crew crews police prosecutors family opposition speaker speakers caller callers commuter commuters
    shopper shoppers bystander bystanders eyewitness eyewitnesses user users customer
    customers viewer viewers reader readers listener listeners owner-operator rep reps
    pensioner pensioners retiree retirees singer singers rapper comedian presenter host
    """
)

#: Nouns for evidence that is cited like a speaker ("according to data from ...").
EVIDENCE_NOUNS = _forms(
    """
    analysis analyses data study studies survey surveys poll polls figures estimate estimates
    tally count records research calculations review audit assessment forecast projections
    reports sources documents statistics census contract contracts agreement email emails
    minutes invoice invoices policy guidelines rules law regulations website schedule budget
    plan proposal bill draft lawsuit warrant
    """
)

#: Descriptions of a company that refer back to one named earlier ("the carmaker said").
COMPANY_NOUNS = _forms(
    """
    company firm group carmaker automaker chipmaker drugmaker planemaker lender bank insurer
    airline retailer miner producer manufacturer supplier operator utility conglomerate
    startup start-up brewer giant business corporation outlet broadcaster publisher
    developer platform
    """
)

#: Descriptions of an organisation that refer to one named with the same word ("the
#: department" -> "the Rockport Police Department", "the commission" -> "the European
#: Commission").
ORG_DESCRIPTIONS = _forms(
    """
    department ministry commission agency center centre council committee office police
    service authority bureau board court union party institute foundation association
    federation coalition regulator watchdog caucus guard
    """
)

#: Last words of company names.
CORPORATE_SUFFIXES = _forms(
    "inc corp corporation ltd llc plc ag sa nv se asa ab group holdings co company airlines "
    "motors bank water energy"
)

#: Endings of nouns for people and groups not listed above ("advocates", "epidemiologists",
#: "politicians", "consultants", "lawmakers", "investors", "employees").
HEAD_SUFFIXES = ("ists", "ians", "ers", "ors", "ants", "ents", "ees", "ist", "ian", "maker",
                 "makers")

#: Words with those endings that name no speaker.
NOT_HEADS = _forms(
    """
    numbers orders papers matters waters borders powers towers letters quarters headquarters
    centers centres corners layers chapters figures others' plants grants restaurants
    elements moments events percents cents ancients christian
    """
)


def is_head_noun(low: str) -> bool:
    """Can the lower-case word ``low`` head a speaker's noun phrase ("officials", "the
    ministry", "consumer advocates")? Listed nouns, and nouns for people by their ending."""
    if low in HEAD_NOUNS or low in ORG_HEADS:
        return True
    return (len(low) > 5 and low.endswith(HEAD_SUFFIXES) and low not in NOT_HEADS
            and not low.endswith("ments"))

#: Auxiliaries that make a following cue passive ("was accused of", "has been described as"):
#: the quotation is reported speech whose speaker the sentence does not name, unless a "by"
#: phrase does ("was described by Lavrov as").
PASSIVE_AUX = _forms("is are was were be been being get gets got")

#: Verbs that name rather than report: in the passive ("are called "people's democracies"")
#: the quotation is a name, not speech, unless a "by" phrase names who calls it so.
NAMING_VERBS = _forms(
    "call calls called calling name names named naming label labels labelled labeled "
    "labelling labeling brand brands branded branding term terms termed dub dubs dubbed "
    "nickname nicknamed describe describes described describing know known"
)

#: Abbreviated titles written with a full stop ("Mr. Doyle"), kept as one token with the stop:
#: the list the sentence splitter reads too (:mod:`analysis._abbreviations`).
DOTTED_TITLES = tuple(sorted(w.capitalize() for w in TITLE_ABBREVIATIONS))
