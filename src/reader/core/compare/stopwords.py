"""English function words that never count as evidence that two sentences match.

Terms are compared after normalisation (lower case, apostrophes and hyphens removed), so
contractions appear here without their apostrophe ("dont", "theyre").
"""

from __future__ import annotations

_WORDS = """
    a about above across after afterwards again against all almost alone along already also
    although always am among amongst an and another any anyhow anyone anything anyway anywhere
    are around as at back be became because become becomes becoming been before beforehand
    behind being below beside besides between beyond both but by can cannot cant could couldnt
    did didnt do does doesnt doing done dont down during each either else elsewhere enough etc
    even ever every everyone everything everywhere except few for former formerly from further
    had hadnt has hasnt have havent having he hed hell hence her here hereafter hereby herein
    hers herself hes him himself his how however i id if ill im in into is isnt it its itself
    ive just last latter latterly least less like made make many may me meanwhile might mine more
    moreover most mostly much must my myself namely neither never nevertheless next no nobody
    none noone nor not nothing now nowhere of off often on once one only onto or other others
    otherwise our ours ourselves out over own per perhaps quite rather re really said same say
    says see seem seemed seeming seems several she shed shell shes should shouldnt since so
    some somehow someone something sometime sometimes somewhere still such than that thats the
    their theirs them themselves then thence there thereafter thereby therefore therein theres
    thereupon these they theyd theyll theyre theyve this those though through throughout thru
    thus to together too toward towards under until up upon us very via was wasnt we wed well
    were werent weve what whatever whats when whence whenever where whereafter whereas whereby
    wherein whereupon wherever whether which while whither who whoever whole whom whos whose why
    will with within without wont would wouldnt yet you youd youll your youre yours yourself
    yourselves youve
    """

STOPWORDS: frozenset[str] = frozenset(_WORDS.split())
