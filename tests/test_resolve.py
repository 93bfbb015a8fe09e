"""Cross-article resolution on hand-built extraction results (no model)."""

from __future__ import annotations

from kg.relations import AFFILIATED_WITH, MET_WITH
from kg.resolve import fold_word, person_key, resolve
from kg.state import slim_result
from kg.types import (
    OCCURRED,
    Article,
    ArticleResult,
    Evidence,
    LocalEntity,
    Mention,
    Relation,
)


def ent(doc, key, name, type_, names=None, n=1, **kw):
    mentions = tuple(Mention(doc, 0, len(name), name, type_) for _ in range(n))
    return LocalEntity(doc, key, name, type_, tuple(names or (name,)), mentions, **kw)


def rel(doc, s, p, o, verb=None):
    return Relation(s, p, o, OCCURRED, Evidence(doc, "x", 0, 1, 0, 1, "test.v1"), verb=verb)


def art(doc):
    return Article(doc, f"{doc}.txt", "x")


def result(doc, entities, relations=()):
    return ArticleResult(art(doc), tuple(entities), tuple(relations))


def by_name(res):
    return {e.name: e for e in res.entities}


def four_articles() -> list[ArticleResult]:
    """Articles a to d whose grouping depends on its order: "Kaya" typed as a person once and an organization
    once (a tie the first-seen type breaks), a facility and an organization of one name, two spellings."""
    return [
        result("a", [ent("a", "k1", "Deniz Kaya", "PERSON"), ent("a", "k2", "Harbor Works", "ORG")]),
        result("b", [ent("b", "k1", "Deniz Kaya", "ORG"), ent("b", "k2", "Kaya", "PERSON")]),
        result("c", [ent("c", "k1", "Harbor Works", "FAC", n=2), ent("c", "k2", "Sergey Volkov", "PERSON")]),
        result("d", [ent("d", "k1", "Sergei Volkov", "PERSON"), ent("d", "country:Turkey", "Turkey", "GPE")]),
    ]


def test_country_aliases_merge_across_articles():
    res = resolve(
        [
            result("a", [ent("a", "country:United States", "United States", "GPE", ["U.S."])]),
            result("b", [ent("b", "country:United States", "United States", "GPE", ["America"])]),
        ]
    )
    assert len(res.entities) == 1
    assert set(res.entities[0].aliases) == {"U.S.", "America"}
    assert any(m.rule == "country-alias" for m in res.merges)


def test_transliteration_variants_merge():
    assert person_key("Sergei Lavrenko") == person_key("Sergey Lavrenko")
    assert fold_word("zelenskyy") == fold_word("zelensky")
    res = resolve(
        [
            result("a", [ent("a", "k1", "Sergei Ivanenko", "PERSON")]),
            result("b", [ent("b", "k2", "Sergey Ivanenko", "PERSON")]),
        ]
    )
    assert len(res.entities) == 1


def test_surname_only_joins_the_one_known_person():
    res = resolve(
        [
            result("a", [ent("a", "k1", "Maria Okafor", "PERSON")]),
            result("b", [ent("b", "k2", "Okafor", "PERSON")]),
        ]
    )
    assert [e.name for e in res.entities] == ["Maria Okafor"]
    assert res.entities[0].documents == ("a", "b")


def test_two_people_sharing_a_surname_stay_apart():
    res = resolve(
        [
            result("a", [ent("a", "k1", "Kim Jong Un", "PERSON"), ent("a", "k2", "Kim Yo Jong", "PERSON")]),
            result("b", [ent("b", "k3", "Kim", "PERSON")]),
        ]
    )
    assert {"Kim Jong Un", "Kim Yo Jong"} <= set(by_name(res))


def test_role_phrase_binds_to_the_one_fitting_person():
    a = result(
        "a",
        [ent("a", "p", "Ana Duarte", "PERSON"), ent("a", "country:Brazil", "Brazil", "GPE")],
        [rel("a", "p", AFFILIATED_WITH.name, "country:Brazil", verb="president")],
    )
    b = result(
        "b",
        [
            ent("b", "p", "Ana Duarte", "PERSON"),
            ent("b", "q", "Li Wei", "PERSON"),
            ent("b", "country:Brazil", "Brazil", "GPE"),
            ent("b", "role:1", "the Brazilian leader", "ROLE", names=(), role_of="country:Brazil", role_noun="leader"),
        ],
        [rel("b", "role:1", MET_WITH.name, "q")],
    )
    res = resolve([a, b])
    met = [r for r in res.relations if r.predicate == MET_WITH.name]
    assert [(r.subject, r.object) for r in met] == [("ana-duarte", "li-wei")]


def test_unbound_role_phrase_drops_its_facts():
    b = result(
        "b",
        [
            ent("b", "q", "Li Wei", "PERSON"),
            ent("b", "role:1", "the president", "ROLE", names=(), role_noun="president"),
        ],
        [rel("b", "role:1", MET_WITH.name, "q")],
    )
    assert resolve([b]).relations == ()


def test_ids_are_stable_and_sorted():
    r1 = resolve([result("a", [ent("a", "x", "Zed Org", "ORG"), ent("a", "y", "Alpha Group", "ORG")])])
    r2 = resolve([result("a", [ent("a", "y", "Alpha Group", "ORG"), ent("a", "x", "Zed Org", "ORG")])])
    assert [e.id for e in r1.entities] == [e.id for e in r2.entities] == ["alpha-group", "zed-org"]


def test_support_raises_confidence_and_min_confidence_filters():
    from kg.graph import combined_confidence
    from kg.pipeline import filter_confidence

    assert combined_confidence([0.5, 0.5]) == 0.75
    res = resolve(
        [
            result(
                "a",
                [ent("a", "p", "Ana Duarte", "PERSON"), ent("a", "q", "Li Wei", "PERSON")],
                [Relation("p", MET_WITH.name, "q", OCCURRED, Evidence("a", "x", 0, 1, 0, 1, "t.v1"), 0.5)],
            ),
            result(
                "b",
                [ent("b", "p", "Ana Duarte", "PERSON"), ent("b", "q", "Li Wei", "PERSON")],
                [Relation("p", MET_WITH.name, "q", OCCURRED, Evidence("b", "x", 0, 1, 0, 1, "t.v1"), 0.5)],
            ),
        ]
    )
    assert len(filter_confidence(res, 0.7).relations) == 2
    assert filter_confidence(res, 0.8).relations == ()


def test_groups_of_people_stay_one_per_article_and_event_mentions_take_entity_ids():
    from kg.types import GROUP, EventMention

    ev = Evidence("a", "x", 0, 1, 0, 1, "test.v1")
    res = resolve(
        [
            ArticleResult(
                art("a"),
                (ent("a", "group:1:3:3", "35 prisoners", GROUP),),
                (),
                mentions=(EventMention("Release", OCCURRED, (("group:1:3:3", "released"),), ev),),
            ),
            result("b", [ent("b", "group:1:3:3", "35 prisoners", GROUP)]),
        ]
    )
    groups = [e for e in res.entities if e.type == GROUP]
    assert len(groups) == 2 and len({e.id for e in groups}) == 2
    (mention,) = res.event_mentions
    assert mention.parties[0][0] in {e.id for e in groups} and mention.parties[0][1] == "released"


def test_the_state_keeps_what_resolution_reads_of_mentions():
    """The build's state leaves the mentions out (kg.state): their count and labels stay on the entity, and
    resolving from it gives what resolving from the full results gives."""
    # "Okafor" read once as an organization and once as a person: a surname (the labels decide)
    okafor = LocalEntity(
        "b",
        "k2",
        "Okafor",
        "ORG",
        ("Okafor",),
        (Mention("b", 0, 6, "Okafor", "ORG"), Mention("b", 9, 15, "Okafor", "PERSON")),
    )
    results = [
        result("a", [ent("a", "k1", "Maria Okafor", "PERSON", n=3), ent("a", "k3", "Lagos", "GPE", n=2)]),
        result("b", [okafor, ent("b", "k4", "Lagos", "GPE")]),
    ]
    slim = [slim_result(r, {}) for r in results]
    assert all(not le.mentions for r in slim for le in r.entities)
    assert slim[1].entities[0].mention_count == 2 and slim[1].entities[0].mention_labels == ("ORG", "PERSON")
    assert resolve(slim) == resolve(results)
    assert by_name(resolve(slim))["Maria Okafor"].mention_count == 5
    assert by_name(resolve(slim))["Lagos"].mention_count == 3


def test_the_state_reads_back_equal_keys_names_and_sentences_as_one_object(tmp_path):
    """The state file makes equal values one object (kg.state.slim_result): a name across articles, a
    sentence across an article's relations; what is read back equals what was written."""
    from kg.state import STATE_FILE, load_state, write_file

    def made(text: str) -> str:  # an equal string, another object (as a parse makes them)
        return "".join(list(text))

    def fact(doc: str, s: str, o: str) -> Relation:
        evidence = Evidence(doc, made("A met B in Lagos."), 0, 17, 0, 5, made("test.v1"))
        return Relation(made(s), made("metWith"), made(o), made(OCCURRED), evidence, verb=made("meet"))

    results = {
        doc: result(
            doc,
            [ent(doc, made("k1"), made("Maria Okafor"), made("PERSON")), ent(doc, made("k2"), made("Lagos"), "GPE")],
            [fact(doc, "k1", "k2"), fact(doc, "k2", "k1")],
        )
        for doc in ("a", "b")
    }
    write_file(tmp_path / STATE_FILE, results, {})
    back = load_state(tmp_path).results
    assert back == {doc: slim_result(r, {}) for doc, r in results.items()}
    a, b = back["a"], back["b"]
    assert a.entities[0].name is b.entities[0].name and a.entities[0].type is b.entities[0].type
    assert a.relations[0].predicate is b.relations[1].predicate and a.relations[0].verb is b.relations[0].verb
    assert a.relations[0].evidence.sentence is a.relations[1].evidence.sentence
    assert a.relations[0].evidence.sentence is not b.relations[0].evidence.sentence  # shared inside an article


def test_the_state_keeps_resolutions_first_pass_over_its_articles_for_the_code_that_made_it(tmp_path, monkeypatch):
    """A base file keeps the grouping of the very results it holds (pickled once); it is used only by the code
    that made it (another's groups may lack what this code asks of them), and a file without one is read."""
    import hashlib
    import pickle

    import kg.state
    from kg.state import MAGIC, STATE_FILE, load_state, write_file

    results = {r.article.doc_id: r for r in four_articles()}
    write_file(tmp_path / STATE_FILE, results, {}, grouped=True)
    state = load_state(tmp_path)
    grouping = state.grouping
    assert grouping is not None and [r.article.doc_id for r in grouping.fed] == ["a", "b", "c", "d"]
    assert all(then is state.results[then.article.doc_id] for then in grouping.fed)
    assert resolve(list(state.results.values()), grouping) == resolve(list(results.values()))
    monkeypatch.setattr(kg.state, "code_version", lambda: "other code")
    again = load_state(tmp_path)
    assert again.grouping is None and again.results == state.results
    # a base file of before, without a grouping
    body = pickle.dumps((kg.state.__version__, state.results, {}))
    (tmp_path / STATE_FILE).write_bytes(MAGIC + hashlib.sha256(body).digest() + body)
    older = load_state(tmp_path)
    assert older.grouping is None and older.results == state.results


def test_a_relation_with_other_ends_is_the_relation_made_with_them():
    from kg.types import Evidence, Relation

    evidence = Evidence("d", "A met B.", 0, 8, 2, 5, "meetings.met-verb.v1")
    local = Relation("a", "metWith", "b", "occurred", evidence, 0.7, "meet", "on Monday")
    moved = local.with_ends("jane-doe", "john-roe")
    assert moved == Relation("jane-doe", "metWith", "john-roe", "occurred", evidence, 0.7, "meet", "on Monday")
    assert list(vars(moved)) == list(vars(local))  # fields in their order: pickles alike
    assert local.subject == "a" and hash(moved) == hash(
        Relation("jane-doe", "metWith", "john-roe", "occurred", evidence, 0.7, "meet", "on Monday")
    )


def test_resolution_goes_on_from_a_grouping_begun_on_the_first_articles():
    """kg.resolve.begin groups the known articles that sort before those still being parsed; resolve() goes on
    from there and gives what it gives alone, wherever the new articles sort (first, between, last)."""
    from dataclasses import replace

    from kg.resolve import begin

    results = four_articles()
    alone = resolve(results)
    for new in ("a", "b", "c", "d"):  # the article still being parsed
        known = [r for r in reversed(results) if r.article.doc_id != new]  # in any order
        begun = begin(known, [new])
        assert [r.article.doc_id for r in begun.fed] == [d for d in "abcd" if d < new]
        assert resolve(results, begun) == alone
        assert begun.resumed_after == len([d for d in "abcd" if d < new])
    # begun on other objects than those resolved (an article read again): ignored, the same result
    begun = begin(results[:2], ["c"])
    again = [replace(results[0], entities=results[0].entities), *results[1:]]
    assert resolve(again, begun) == alone and begun.resumed_after is None
    # a grouping is finished once: resolving again starts anew
    begun = begin(results[:2], ["c"])
    assert resolve(results, begun) == alone and resolve(results, begun) == alone


def test_a_group_taking_in_another_is_the_group_its_locals_joining_one_by_one_make():
    """Group.absorb adds the other group's counts rather than its locals one at a time: the same names,
    votes (in the order each type was first given: most_common breaks ties by it), country and rules."""
    from kg.resolve import Group

    def grown(*locals_, with_rules=True):
        g = Group()
        for le in locals_:
            g.add(le, with_rules)
        return g

    a1 = ent("a", "k1", "Port Vale", "ORG", n=2)
    b1 = ent("b", "k1", "Port Vale", "FAC", ["Port Vale", "Vale"], n=2, rules=("capital-for-state",))
    b2 = ent("b", "country:Chile", "Chile", "GPE")
    c1 = ent("c", "k1", "Vale", "ORG", rules=("title-for-name",))
    c2 = ent("c", "country:Peru", "Peru", "GPE")

    def state(g):
        votes = list(g.type_votes.items())
        return g.locals, dict(g.name_counts), votes, g.country, g.names_country, g.mention_count, g.documents, g.rules

    for with_rules in (True, False):
        into, other = grown(a1), grown(b1, b2)
        into.absorb(other, with_rules)
        one_by_one = grown(a1)
        for le in other.locals:
            one_by_one.add(le, with_rules)
        if with_rules:
            one_by_one.rules |= other.rules
        assert state(into) == state(one_by_one)
    for first, then, kind in ((a1, b1, "ORG"), (b1, a1, "FAC")):  # two votes each: the first given wins
        into = grown(first)
        into.absorb(grown(then))
        assert into.type == kind and into.name == "Port Vale"
    # taken in without its rules (a facility merge), then taken in with them: every local's in-article rules,
    # as if each local had joined the last group itself
    facility = grown(a1)
    facility.absorb(grown(b1), with_rules=False)
    last = grown(c1, c2)
    last.absorb(facility)
    assert last.rules == {"capital-for-state", "title-for-name"}
    assert state(last)[:-1] == state(grown(c1, c2, a1, b1))[:-1] and last.country == "Peru"


def test_relations_come_in_fact_then_document_and_offset_order_however_an_article_lists_them():
    from kg.resolve import relation_sort_key

    def at(doc, s, o, start, verb=None):
        return Relation(s, MET_WITH.name, o, OCCURRED, Evidence(doc, "x", 0, 99, start, start + 1, "t.v1"), verb=verb)

    people = [ent(d, k, n, "PERSON") for d in "ab" for k, n in (("p", "Ana Duarte"), ("q", "Li Wei"), ("r", "Jo Ito"))]
    a = result("a", people[:3], [at("a", "p", "q", 40), at("a", "r", "q", 30), at("a", "p", "q", 10)])
    b = result("b", people[3:], [at("b", "p", "q", 5), at("b", "p", "q", 5, "greet"), at("b", "q", "r", 1)])
    res = resolve([b, a])
    assert list(res.relations) == sorted(res.relations, key=relation_sort_key)
    assert [(r.subject, r.evidence.doc_id, r.evidence.start) for r in res.relations] == [
        ("ana-duarte", "a", 10),
        ("ana-duarte", "a", 40),
        ("ana-duarte", "b", 5),
        ("ana-duarte", "b", 5),
        ("jo-ito", "a", 30),
        ("li-wei", "b", 1),
    ]


def test_a_role_phrase_is_bound_among_the_people_holding_a_title_where_it_points():
    def affiliated(doc, person, target, title):
        return rel(doc, person, AFFILIATED_WITH.name, target, verb=title)

    a = result(
        "a",
        [
            ent("a", "p", "Ana Duarte", "PERSON"),
            ent("a", "q", "Rui Costa", "PERSON"),
            ent("a", "country:Brazil", "Brazil", "GPE"),
            ent("a", "country:Chile", "Chile", "GPE"),
        ],
        [affiliated("a", "p", "country:Brazil", "president"), affiliated("a", "q", "country:Chile", "president")],
    )

    def naming(doc, role_of):
        return result(
            doc,
            [
                ent(doc, "p", "Ana Duarte", "PERSON"),
                ent(doc, "q", "Rui Costa", "PERSON"),
                ent(doc, "w", "Li Wei", "PERSON"),  # holds no title: never the one
                ent(doc, role_of, role_of.split(":")[1], "GPE"),
                ent(doc, "role:1", "the president", "ROLE", names=(), role_of=role_of, role_noun="president"),
            ],
            [rel(doc, "role:1", MET_WITH.name, "w")],
        )

    res = resolve([a, naming("b", "country:Chile"), naming("c", "country:Brazil")])
    met = {(r.evidence.doc_id, r.subject, r.object) for r in res.relations if r.predicate == MET_WITH.name}
    assert met == {("b", "rui-costa", "li-wei"), ("c", "ana-duarte", "li-wei")}


def test_resolution_goes_on_from_the_grouping_an_earlier_build_kept_while_its_articles_come_first():
    """kg.state keeps resolution's first pass over the articles of its base file; begin() goes on from it
    when those articles, unchanged, are the first known ones and sort before the new ones, and otherwise
    groups the known ones anew: either way resolve() gives what it gives alone."""
    from dataclasses import replace

    from kg.resolve import begin

    results = four_articles()
    alone = resolve(results)

    def read_again(r):  # as kg build has a known article: its metadata read anew, its extraction kept
        return replace(r, article=replace(r.article, title="read again"))

    def as_read(rs):
        return [read_again(r) for r in rs]

    # kept over a and b; c is known (added by the last build, in the delta), d is new
    now = as_read(results[:3])
    begun = begin(now, ["d"], kept=begin(results[:2], ()))
    assert begun.kept == 2 and begun.fed == sorted(now, key=lambda r: r.article.doc_id)
    assert resolve([*now, results[3]], begun) == replace(alone, articles=tuple(r.article for r in [*now, results[3]]))
    # unusable: a new article sorts among the kept ones; a kept article has changed; one was removed
    for known, new, kept_over in (
        (results[1:], "a", results[1:3]),
        (as_read([results[0], replace(results[1], entities=results[1].entities[:1]), results[2]]), "d", results[:2]),
        (as_read([results[0], results[2]]), "d", results[:2]),
    ):
        begun = begin(known, [new], kept=begin(kept_over, ()))
        assert begun.kept == 0
        assert [r.article.doc_id for r in begun.fed] == [
            r.article.doc_id for r in sorted(known, key=lambda r: r.article.doc_id) if r.article.doc_id < new
        ]
