"""Nationality and group adjectives ("Ukrainian", "Pro-Russian", "Kurds").

They are capitalised but name no person, organisation or place by themselves, so the
extractor strips them from the front of a span ("Ukrainian President Zelensky") and
drops them when they stand alone.
"""

from __future__ import annotations

from functools import lru_cache

_BASE = """
afghan albanian algerian american andorran angolan argentine argentinian armenian
australian austrian azerbaijani azeri bahraini bangladeshi belarusian belgian bolivian
bosnian brazilian british briton bulgarian burmese cambodian cameroonian canadian
chadian chilean chinese colombian congolese croatian cuban cypriot czech danish dutch
ecuadorean ecuadorian egyptian emirati english eritrean estonian ethiopian european
filipino finnish french georgian german ghanaian greek guatemalan haitian honduran
hungarian icelandic indian indonesian iranian iraqi irish israeli italian ivorian
jamaican japanese jordanian kazakh kenyan korean kosovar kurdish kuwaiti kyrgyz
laotian latvian lebanese liberian libyan lithuanian luxembourgish macedonian malaysian
malian maltese mexican moldovan mongolian montenegrin moroccan mozambican namibian
nepalese nigerian nigerien norwegian omani pakistani palestinian panamanian paraguayan
persian peruvian polish portuguese qatari romanian russian rwandan saudi scottish
senegalese serbian serb sierra singaporean slovak slovakian slovenian somali
south african spanish sri sudanese swedish swiss syrian taiwanese tajik tanzanian thai
tibetan tunisian turkish turkmen ugandan ukrainian uruguayan uzbek venezuelan
vietnamese welsh yemeni yugoslav zambian zimbabwean
african asian arab arabic latin nordic baltic balkan caucasian slavic soviet
chechen crimean kurd kurds pashtun tatar uighur uyghur yazidi alawite druze
hebrew hindi urdu mandarin cantonese farsi
moslem zairean afrikaner hutu tutsi basque catalan flemish walloon bavarian cossack
sikh tamil sinhalese maori inuit zulu xhosa bedouin berber copt coptic bosniak
kosovan ossetian abkhaz ingush dagestani circassian rohingya hazara baluch
swede scot scots texan californian surinamese anglican islamist jihadist coloured
nicaraguan lankan spaniard salvadoran guinean dane finn turk kiwi aussie maoist roman
olympic nepali croat himalayan andean semitic aryan koranic
dutchman dutchmen frenchman frenchmen englishman englishmen irishman irishmen
scotsman scotsmen welshman welshmen
western westerner westerners sino anglo euro trans transatlantic
"""
DEMONYMS: frozenset[str] = frozenset(
    {w for w in _BASE.split()}
    | {w + "s" for w in _BASE.split() if not w.endswith(("sh", "ch", "se", "ss"))}
    | {"pro-" + w for w in _BASE.split()}
    | {"anti-" + w for w in _BASE.split()}
)


@lru_cache(maxsize=65536)  # pure, and asked of the same words all the time
def is_demonym(word: str) -> bool:
    """True for "Ukrainian", "Ukrainians", "pro-Russian", "Anglo-American"."""
    low = word.lower().replace("’", "'")
    if low in DEMONYMS:
        return True
    if "-" in low:
        parts = low.split("-")
        return all(p in DEMONYMS or p in ("pro", "anti", "non") for p in parts)
    return False
