"""kg.extract.sanctions on hand-built parses (no model), then through the whole pipeline."""

from __future__ import annotations

import pytest

from kg.extract import sanctions
from tests.extract.cases import has, model_facts
from tests.parses import facts

CASES = [
    (
        "The European Union imposed sanctions on Belarusian President Marek Dovnar on Monday.",
        """
The              the            DET    DT    det          2 B-ORG      S
European         European       PROPN  NNP   compound     2 I-ORG      .
Union            Union          PROPN  NNP   nsubj        3 I-ORG      .
imposed          impose         VERB   VBD   ROOT         3 O          .
sanctions        sanction       NOUN   NNS   dobj         3 O          .
on               on             ADP    IN    prep         4 O          .
Belarusian       belarusian     ADJ    JJ    amod         7 B-NORP     .
President        President      PROPN  NNP   compound     9 O          .
Marek            Marek          PROPN  NNP   compound     9 B-PERSON   .
Dovnar           Dovnar         PROPN  NNP   pobj         5 I-PERSON   .
on               on             ADP    IN    prep         3 O          .
Monday           Monday         PROPN  NNP   pobj        10 B-DATE     .
.                .              PUNCT  .     punct        3 O          .
""",
        [("European Union", "sanctioned", "Marek Dovnar", "occurred")],
    ),
    (
        "The Treasury Department sanctioned three Iranian officials, including Reza Tavana.",
        """
The              the            DET    DT    det          2 B-ORG      S
Treasury         Treasury       PROPN  NNP   compound     2 I-ORG      .
Department       Department     PROPN  NNP   nsubj        3 I-ORG      .
sanctioned       sanction       VERB   VBD   ROOT         3 O          .
three            three          NUM    CD    nummod       6 B-CARDINAL .
Iranian          iranian        ADJ    JJ    amod         6 B-NORP     .
officials        official       NOUN   NNS   dobj         3 O          .
,                ,              PUNCT  ,     punct        6 O          .
including        include        VERB   VBG   prep         6 O          .
Reza             Reza           PROPN  NNP   compound    10 B-PERSON   .
Tavana           Tavana         PROPN  NNP   pobj         8 I-PERSON   .
.                .              PUNCT  .     punct        3 O          .
""",
        [("Treasury Department", "sanctioned", "Reza Tavana", "occurred")],
    ),
    (
        "Canada announced new sanctions against Myanmar's military leader, Min Thura.",
        """
Canada           Canada         PROPN  NNP   nsubj        1 B-GPE      S
announced        announce       VERB   VBD   ROOT         1 O          .
new              new            ADJ    JJ    amod         3 O          .
sanctions        sanction       NOUN   NNS   dobj         1 O          .
against          against        ADP    IN    prep         3 O          .
Myanmar          Myanmar        PROPN  NNP   poss         8 B-GPE      .
's               's             PART   POS   case         5 O          .
military         military       ADJ    JJ    amod         8 O          .
leader           leader         NOUN   NN    pobj         4 O          .
,                ,              PUNCT  ,     punct        8 O          .
Min              Min            PROPN  NNP   compound    11 B-PERSON   .
Thura            Thura          PROPN  NNP   appos        8 I-PERSON   .
.                .              PUNCT  .     punct        1 O          .
""",
        [("Canada", "sanctioned", "Min Thura", "occurred")],
    ),
    (
        "Britain's sanctions on Russia took effect on Friday.",
        """
Britain          Britain        PROPN  NNP   poss         2 B-GPE      S
's               's             PART   POS   case         0 O          .
sanctions        sanction       NOUN   NNS   nsubj        5 O          .
on               on             ADP    IN    prep         2 O          .
Russia           Russia         PROPN  NNP   pobj         3 B-GPE      .
took             take           VERB   VBD   ROOT         5 O          .
effect           effect         NOUN   NN    dobj         5 O          .
on               on             ADP    IN    prep         5 O          .
Friday           Friday         PROPN  NNP   pobj         7 B-DATE     .
.                .              PUNCT  .     punct        5 O          .
""",
        [("United Kingdom", "sanctioned", "Russia", "occurred")],
    ),
    (
        "The United States threatened to impose sanctions on Turkey.",
        """
The              the            DET    DT    det          2 B-GPE      S
United           United         PROPN  NNP   compound     2 I-GPE      .
States           States         PROPN  NNP   nsubj        3 I-GPE      .
threatened       threaten       VERB   VBD   ROOT         3 O          .
to               to             PART   TO    aux          5 O          .
impose           impose         VERB   VB    xcomp        3 O          .
sanctions        sanction       NOUN   NNS   dobj         5 O          .
on               on             ADP    IN    prep         5 O          .
Turkey           Turkey         PROPN  NNP   pobj         7 B-GPE      .
.                .              PUNCT  .     punct        3 O          .
""",
        [("United States", "sanctioned", "Turkey", "intended")],
    ),
    (
        "The European Union lifted its sanctions on Uzbekistan in March.",
        """
The              the            DET    DT    det          2 B-ORG      S
European         European       PROPN  NNP   compound     2 I-ORG      .
Union            Union          PROPN  NNP   nsubj        3 I-ORG      .
lifted           lift           VERB   VBD   ROOT         3 O          .
its              its            PRON   PRP$  poss         5 O          .
sanctions        sanction       NOUN   NNS   dobj         3 O          .
on               on             ADP    IN    prep         5 O          .
Uzbekistan       Uzbekistan     PROPN  NNP   pobj         6 B-ORG      .
in               in             ADP    IN    prep         3 O          .
March            March          PROPN  NNP   pobj         8 B-DATE     .
.                .              PUNCT  .     punct        3 O          .
""",
        [],
    ),
    (
        "Sanctions imposed by Japan on North Korea were extended.",
        """
Sanctions        sanction       NOUN   NNS   nsubjpass    8 O          S
imposed          impose         VERB   VBN   acl          0 O          .
by               by             ADP    IN    agent        1 O          .
Japan            Japan          PROPN  NNP   pobj         2 B-GPE      .
on               on             ADP    IN    prep         1 O          .
North            North          PROPN  NNP   compound     6 B-GPE      .
Korea            Korea          PROPN  NNP   pobj         4 I-GPE      .
were             be             AUX    VBD   auxpass      8 O          .
extended         extend         VERB   VBN   ROOT         8 O          .
.                .              PUNCT  .     punct        8 O          .
""",
        [("Japan", "sanctioned", "North Korea", "occurred")],
    ),
    (
        "Australia sanctioned the Wagner Group and its founder, Ivan Petrenko.",
        """
Australia        Australia      PROPN  NNP   nsubj        1 B-GPE      S
sanctioned       sanction       VERB   VBD   ROOT         1 O          .
the              the            DET    DT    det          4 B-ORG      .
Wagner           Wagner         PROPN  NNP   compound     4 I-ORG      .
Group            Group          PROPN  NNP   dobj         1 I-ORG      .
and              and            CCONJ  CC    cc           4 O          .
its              its            PRON   PRP$  poss         7 O          .
founder          founder        NOUN   NN    conj         4 O          .
,                ,              PUNCT  ,     punct        7 O          .
Ivan             Ivan           PROPN  NNP   compound    10 B-PERSON   .
Petrenko         Petrenko       PROPN  NNP   appos        7 I-PERSON   .
.                .              PUNCT  .     punct        1 O          .
""",
        [
            ("Australia", "sanctioned", "Wagner Group", "occurred"),
            ("Australia", "sanctioned", "Ivan Petrenko", "occurred"),
        ],
    ),
]


@pytest.mark.parametrize("text, table, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_unit(text, table, expected):
    found = facts(text, table, sanctions)
    assert {f for f in found if f[1] == "sanctioned"} == set(expected), found


def test_lifting_sanctions_is_no_sanction():
    text, table, _ = CASES[5]
    assert not facts(text, table, sanctions)


@pytest.mark.model
@pytest.mark.parametrize("text, table, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_model(text, table, expected):
    found = model_facts(text)
    for s, p, o, status in expected:
        assert has(found, s, p, o, status), (s, p, o, found)
