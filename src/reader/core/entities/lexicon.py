"""Hand-written word lists: the cues the rules read (all lower-case).

Kept apart from the generated gazetteer because these encode judgement, not data:
which words announce a person, which end an organisation's name, which capitalised
words are never entities on their own.
"""

from __future__ import annotations

# Words that, directly before a name, make it a person ("President Zelensky").
TITLES = frozenset(
    """
    president vice-president minister premier chancellor prime secretary spokesman
    spokeswoman spokesperson general gen lt lieut col colonel major maj capt captain
    commander commander-in-chief admiral adm sergeant sgt lieutenant marshal brigadier
    corporal private officer chief head director chairman chairwoman chair ceo cfo
    mr mrs ms miss dr prof professor sir dame lord lady king queen prince princess
    pope cardinal bishop archbishop rev reverend father sheikh emir ayatollah imam rabbi
    sen senator rep representative congressman congresswoman gov governor mayor judge
    justice ambassador envoy diplomat counsellor adviser advisor deputy lawmaker mp
    leader coach manager striker midfielder defender goalkeeper keeper forward captain
    skipper batsman bowler opener all-rounder champion seed veteran rookie
    pitcher outfielder quarterback tsar czar sultan king-emperor attorney
    cmdr brig cpl pvt
    commissioner prosecutor inspector superintendent detective sheriff magistrate
    ombudsman treasurer dj speaker
    """.split()
)
# Words that only form a title next to one of TITLES ("Defense Minister").
TITLE_MODIFIERS = frozenset(
    """
    defense defence foreign interior finance economy justice health education
    prime vice deputy acting former ex first second third junior senior assistant
    executive managing supreme top chief grand state army navy air
    """.split()
)
# Lower-case words before a name that make it a person ("said Smith", "by Jones").
PERSON_BEFORE = frozenset(
    """
    mr mrs ms dr spokesman spokeswoman told coach striker midfielder defender goalkeeper
    """.split()
)
PERSON_AFTER = frozenset("said says told added asked wrote argued explained claimed".split())
# Nouns after a lone name that make it a person ("Biden administration").
PERSON_NEXT_NOUNS = frozenset("administration presidency regime government era".split())
# Words before a name that suggest a place ("in Kyiv", "near Avdiivka").
PLACE_BEFORE = frozenset("in near from across outside around into towards toward via at".split())

# Last words of organisation names ("... Council", "... Inc").
ORG_HEADS = frozenset(
    """
    ministry department council committee commission agency service services bureau office
    party army navy forces force guard guards brigade battalion regiment division corps
    bank fund exchange group holdings holding company corporation corp inc incorporated ltd
    limited plc llc ag sa nv gmbh co bros airlines airways motors energy oil petroleum telecom
    university college institute school academy foundation association federation union
    league club fc cf sc ac afc united society organisation organization alliance front
    movement coalition church court tribunal parliament assembly congress senate duma rada
    cabinet government administration police authority authorities board network channel
    times post news journal herald tribune gazette telegraph guardian press agency mail
    independent observer
    radio tv television broadcasting media magazine review daily weekly reuters
    center centre hospital museum commission secretariat directorate command staff
    intelligence industries industry technologies systems solutions partners capital
    securities insurance trust brothers laboratories labs pharmaceuticals newsroom desk chiefs
    newsdesk bancorp bancshares international markets development shipping resources
    investments properties electronics steel chemicals foods communications enterprises
    ventures engineering construction mining metals textiles finance software computers
    railways railway logistics cables electric utilities stud juniors
    """.split()
)
# First words of organisation names ("Ministry of Defence", "Bank of England").
ORG_STARTS = frozenset(
    """
    ministry department bank university institute council committee commission office
    federation association league union church court house board
    """.split()
)
# Last words of place names ("Donetsk Region", "Mount Everest").
PLACE_HEADS = frozenset(
    """
    city province region oblast district county state island islands republic peninsula
    valley river lake sea ocean gulf bay strait mountains mountain hills coast border
    square street avenue airport port park stadium bridge road ground arena
    """.split()
)
PLACE_STARTS = frozenset("mount lake cape gulf isle port fort st saint san santa".split())

# Connector words allowed inside a capitalised name ("Bank of England").
CONNECTORS = frozenset(
    "of the for and de del da di du la le van von der den al el bin ibn y".split()
)

# Capitalised words that are never an entity by themselves.
NEVER = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug
    sep sept oct nov dec mon tue wed thu fri sat sun
    i i'm i've i'd i'll a an the this that these those there their they them then than
    he she it we you his her its our your my me us him mine who what when where why how
    which whose whom if but and or nor so yet for of on in at by to as from with without
    after before during while since until though although because also however meanwhile
    according despite instead nevertheless moreover furthermore thus therefore still even
    western eastern northern southern west east north south northwest northeast southwest
    southeast left right centre center mr mrs ms dr sir no not yes all some any many
    most more several both each every other another such only just very well now today
    tomorrow yesterday here one two three four five six seven eight nine ten first second
    third last next new old god christmas easter ramadan eid hanukkah internet web
    christian christians muslim muslims islam islamic jewish jews catholic orthodox
    protestant sunni shia shiite buddhist hindu communist communists socialist socialists
    fascist fascists nazi nazis democrat democrats republican republicans liberal liberals
    conservative conservatives marxist marxists stalinist trotskyist leninist bolshevik
    bolsheviks am pm ad bc tv ok oh hey dear thanks please
    wsws cet gmt est pst utc edt pdt bst men women scorers add
    """.split()
)
# Last words of event, award and war names: CoNLL's MISC, not ours ("World Cup").
EVENT_HEADS = frozenset(
    """
    open cup tour series prix games olympics olympiad championship championships classic
    trophy award awards prize war festival grand slam masters invitational marathon
    rally derby bowl tournament day revolution act treaty accord accords protocol
    convention conventions regulation regulations directive agreement stakes
    """.split()
)
# Words that end a sports club's name ("Blackburn Rovers").
CLUB_HEADS = frozenset(
    "rovers wanderers athletic albion hotspur rangers city town county villa forest".split()
)

# Suffixes of company names: "Ruch SA" once makes "Ruch" a company everywhere.
CORP_SUFFIXES = frozenset(
    """
    inc incorporated corp corporation co bros ltd limited plc llc lp ag sa nv bv gmbh spa
    ab asa oy oyj kk bhd pty holdings group
    """.split()
)
# Wire services and news agencies: "told Reuters" is not a person.
NEWS_AGENCIES = frozenset(
    """
    reuters ap afp upi dpa ansa efe interfax itar-tass tass ria xinhua kyodo jiji yonhap
    bernama antara pti irna anadolu tanjug bta ctk mti pap hina ukrinform unian
    kuna belga anp lusa agerpres
    bloomberg
    """.split()
)
# Lower-case words before a name that make it an organisation ("the outlet Ukrainska
# Pravda", "the broadcaster RAI").
ORG_AFTER_NOUNS = frozenset(
    """
    newspaper newspapers paper daily weekly outlet outlets agency broadcaster channel
    magazine website site network tabloid company firm group insurer bank carrier airline
    club side party
    """.split()
)
# Lower-case words after a name that make it a paper, whatever else its words could be:
# a paper named in its own language ("Yedioth Ahronoth newspaper", "Zycie Warszawy
# daily"), or by a word ("the Sun newspaper").
PAPER_NOUNS = frozenset("newspaper newspapers daily weekly tabloid magazine".split())
# Lower-case words after a name that make it an organisation ("Pirelli shares").
ORG_BEFORE_NOUNS = frozenset(
    """
    shares share stock stocks shareholders stake subsidiary subsidiaries unit units
    plant plants factory factories workers employees staff management board chairman
    spokesman spokeswoman executives executive profit profits earnings revenue revenues
    sales turnover brand brands headquarters officials bid takeover merger chief
    """.split()
)
# Lower-case words after a name that make it a place ("Raqqa province").
PLACE_BEFORE_NOUNS = frozenset(
    """
    province provinces region regions district districts town village villages city
    area areas border borders river valley airport port county governorate oblast
    suburb suburbs neighbourhood neighborhood countryside coast island peninsula
    mountains hills desert plain plains
    mine mines tunnel highway motorway depot prison jail deposit oilfield subdivision
    harbour harbor dam canal
    stadium velodrome racecourse circuit sanatorium checkpoint crossing oilfield
    """.split()
)
# First words of sports clubs ("Atletico Mineiro", "Hapoel Taibe", "Dynamo Moscow").
CLUB_STARTS = frozenset(
    """
    atletico atlético deportivo real hapoel maccabi beitar dinamo dynamo sporting racing
    inter olympique olympiakos olympiacos borussia eintracht fortuna rapid spartak lokomotiv torpedo
    cska steaua partizan crvena slavia sparta legia widzew ferencvaros honved vasas
    """.split()
)
# Articles of other languages that open newspaper and club names ("Le Monde").
FOREIGN_ARTICLES = frozenset("le la les el il der die das o al".split())
# Newspapers, magazines and web platforms named by one word: "Facebook", "Politico".
MEDIA = frozenset(
    """
    facebook twitter youtube instagram tiktok telegram whatsapp vkontakte wikipedia
    google microsoft netflix reddit linkedin substack politico axios newsweek haaretz
    izvestia kommersant vedomosti meduza buzzfeed huffpost breitbart
    """.split()
)
# Newspapers and magazines named by one ordinary word after "the": "the Guardian".
THE_MEDIA = frozenset(
    """
    economist guardian independent observer telegraph times post spectator atlantic
    intercept mirror express herald tribune scotsman
    """.split()
)
# Parties named by one word: "if Labour is elected", "Likud's list".
PARTIES = frozenset(
    """
    labour tories tory likud fidesz syriza podemos fatah hezbollah hamas kadima ennahda
    ukip zanu-pf swapo frelimo
    """.split()
)
# Plural nouns for a body of people that open its name before "of" ("Friends of the
# Earth", "Missionaries of Charity", "Knights of Columbus").
PEOPLE_OF = frozenset(
    """
    friends missionaries knights daughters sons sisters brothers veterans soldiers
    servants disciples mothers fathers citizens defenders guardians partisans
    warriors fighters
    """.split()
)
