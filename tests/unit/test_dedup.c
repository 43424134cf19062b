/*
 * tests/unit/test_dedup.c -- near-duplicate sketches, LSH, lineage and the
 * stream index, on hand-written texts whose overlap is known by
 * construction.
 */
#include <ctype.h>
#include <stdlib.h>

#include "check.h"
#include "core/arena.h"
#include "dedup/index.h"
#include "dedup/lineage.h"
#include "dedup/lsh.h"
#include "dedup/sketch.h"
#include "fil.h"

static core_arena arena;

/* Twelve distinct sentences: the original dispatch. */
static const char *const original[12] = {
    "The harbour authority closed the northern channel after a cargo ship lost power near the "
    "breakwater on Tuesday morning.",
    "Tugboats from three neighbouring ports spent most of the afternoon pulling the vessel away "
    "from the rocks.",
    "Nobody on board was injured, according to a spokeswoman for the shipping company that "
    "operates the freighter.",
    "The ship was carrying timber, machine parts and several hundred containers of frozen fish "
    "bound for the south.",
    "Local fishermen complained that the closure kept their boats tied up during the best week of "
    "the season.",
    "Engineers suspect that a fault in the cooling system forced the main engine to shut down "
    "without warning.",
    "Inspectors will board the vessel on Thursday to decide whether it can continue its voyage "
    "under its own power.",
    "The mayor said the town had asked the national government for years to pay for a second tug "
    "station.",
    "Traffic in the channel resumed shortly before midnight once divers confirmed the hull had not "
    "been breached.",
    "Insurance experts estimate the cost of the salvage operation at several million euros, not "
    "counting lost trade.",
    "A similar accident two winters ago left an oil tanker stranded on a sandbank for almost a "
    "fortnight.",
    "Environmental groups renewed their call for stricter rules on the age and maintenance of "
    "ships using the port.",
};

/* Six sentences of its own that a rewrite puts in place of six others. */
static const char *const fresh[6] = {
    "Schoolchildren gathered on the promenade to watch the rescue, some of them filming it on "
    "their telephones.",
    "A retired captain who lives above the quay described the manoeuvre as the most delicate he "
    "had ever seen.",
    "The regional newspaper published a map showing how close the freighter drifted to the "
    "holiday cottages.",
    "Several restaurants along the waterfront offered free coffee to the crews working through "
    "the cold night.",
    "Weather forecasters expect calmer seas for the rest of the week, with light winds from the "
    "east.",
    "The railway company added extra trains for passengers whose ferry crossings were cancelled "
    "by the closure.",
};

/* Shares no sentence with the texts above. */
static const char *const unrelated =
    "An entirely different report about a football match played in heavy rain before a small "
    "crowd of loyal supporters, who cheered a late goal from the youngest player on the pitch.";

/* The sentences joined by spaces, in the arena. */
static char *join(const char *const *s, size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++) {
        len += strlen(s[i]) + 1;
    }
    char *out = core_arena_alloc(&arena, len);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        strcat(out, s[i]);
        strcat(out, " ");
    }
    return out;
}

static char *original_text(void)
{
    return join(original, 12);
}

/* Keeps the odd-numbered sentences of the original (1st, 3rd, ...) and
 * replaces the even ones with fresh sentences. */
static char *half_rewrite(void)
{
    const char *s[12];
    for (int i = 0; i < 12; i++) {
        s[i] = i % 2 == 0 ? original[i] : fresh[i / 2];
    }
    return join(s, 12);
}

static dedup_sketch sketch(const char *text)
{
    dedup_sketch s;
    int rc = dedup_sketch_build(text, strlen(text), &arena, &s);
    CHECK(rc == FIL_OK, "a sketch is built");
    return s;
}

/* The exact relation of two texts from their shingle sets. */
static dedup_relation exact(const char *a, const char *b, uint32_t shared_quotes)
{
    uint64_t *sa, *sb;
    size_t na, nb;
    dedup_shingles(a, strlen(a), &arena, &sa, &na);
    dedup_shingles(b, strlen(b), &arena, &sb, &nb);
    return dedup_compare_sets(sa, na, sb, nb, shared_quotes);
}

static void test_copies(void)
{
    char *a = original_text();
    dedup_sketch sa = sketch(a), sb = sketch(a);
    dedup_relation r = dedup_compare(&sa, &sb);
    CHECK(r.kind == DEDUP_COPY, "identical texts are a copy");
    CHECK_NEAR(r.resemblance, 1.0, 1e-12, "identical texts have resemblance 1");

    const char *footer = "\nShare this story with your friends and follow us for more news.";
    char *with_footer = core_arena_alloc(&arena, strlen(a) + strlen(footer) + 1);
    strcpy(with_footer, a);
    strcat(with_footer, footer);
    dedup_sketch sf = sketch(with_footer);
    CHECK(dedup_compare(&sa, &sf).kind == DEDUP_COPY, "an added footer line leaves a copy");
    CHECK(dedup_compare(&sf, &sa).kind == DEDUP_COPY, "in either order");

    char *upper = core_arena_strndup(&arena, a, strlen(a));
    for (char *p = upper; *p; p++) {
        *p = (char)toupper((unsigned char)*p);
    }
    dedup_sketch su = sketch(upper);
    CHECK(memcmp(su.min, sa.min, sizeof sa.min) == 0 && su.shingles == sa.shingles,
          "ASCII case does not change the sketch");
    CHECK(dedup_compare(&sa, &su).kind == DEDUP_COPY, "an upper-cased text is a copy");
    CHECK_STR(dedup_kind_name(DEDUP_COPY), "copy", "a copy is named copy");
}

static void test_rewrite(void)
{
    char *a = original_text(), *b = half_rewrite();
    dedup_sketch sa = sketch(a), sb = sketch(b);
    dedup_relation est = dedup_compare(&sb, &sa), ex = exact(b, a, 0);
    CHECK(ex.contained_a > 0.3 && ex.contained_a < 0.6,
          "keeping 6 of 12 sentences keeps about half the shingles (exact)");
    CHECK(est.kind == DEDUP_REWRITE, "a text keeping half of another's sentences is a rewrite");
    CHECK(ex.kind == DEDUP_REWRITE, "and so it is by the exact sets");
    CHECK_NEAR(est.contained_a, ex.contained_a, 0.15, "containment estimate near the exact one");
    CHECK_NEAR(est.resemblance, ex.resemblance, 0.15, "resemblance estimate near the exact one");
    CHECK_STR(dedup_kind_name(DEDUP_REWRITE), "rewrite", "a rewrite is named rewrite");

    char *other = join(fresh, 6);
    dedup_sketch so = sketch(other);
    dedup_relation none = dedup_compare(&sa, &so);
    CHECK(none.kind == DEDUP_NONE, "unrelated texts are neither copy nor rewrite");
    CHECK(none.resemblance < 0.05, "unrelated texts have next to no resemblance");
    CHECK(dedup_kind_name(DEDUP_NONE) == NULL, "no relation has no name");
}

static void test_classify(void)
{
    double low = DEDUP_QUOTED_CONTAINMENT + 0.02; /* below the rewrite bound */
    CHECK(dedup_classify(0.03, low, low, DEDUP_QUOTED_REWRITE) == DEDUP_REWRITE,
          "two shared quotations and 5%+ shared shingles make a rewrite");
    CHECK(dedup_classify(0.03, low, low, DEDUP_QUOTED_REWRITE - 1) == DEDUP_NONE,
          "one shared quotation with the same containment does not");
    CHECK(dedup_classify(0.01, 0.03, 0.03, DEDUP_QUOTED_REWRITE) == DEDUP_NONE,
          "two shared quotations with under 5% shared shingles do not");
    CHECK(dedup_classify(0.1, DEDUP_REWRITE_CONTAINMENT, 0.1, 0) == DEDUP_REWRITE,
          "one side 20% inside the other is a rewrite without quotations");
    CHECK(dedup_classify(0.5, 0.95, 0.5, 0) == DEDUP_REWRITE,
          "a short text wholly inside a text twice its length is no copy");
    CHECK(dedup_classify(0.7, 0.95, 0.75, 0) == DEDUP_COPY,
          "a text almost wholly inside one of similar length is a copy");
}

/* Two articles about one event, written apart, that carry the same two
 * quotations, typeset « », “ ” and straight; `marks` 0 prints the second
 * quotation in b without its straight quotes, which are no word bytes
 * (same words, same shingles, one quotation fewer). */
static void quoted_pair(char **a, char **b, int marks)
{
    const char *q1 = "we will rebuild every house that the water destroyed this spring";
    const char *q2 = "nobody could have predicted a flood of this size in our valley";
    const char *a_fmt =
        "Rescue teams reached the last isolated farms on Sunday, five days after the river burst "
        "its banks. The governor toured the area by helicopter and met families sheltering in a "
        "school gym. \xc2\xab %s \xc2\xbb, he told reporters at the airfield. Farmers say the "
        "harvest is lost and ask for help before winter. The army has set up field kitchens in "
        "three villages. \xc2\xab %s \xc2\xbb, said the head of the regional weather office. "
        "Officials count more than two thousand homes damaged. Aid agencies expect the cleaning of "
        "wells and cellars to take months, and several schools will teach in tents until the "
        "spring holidays, according to the education ministry. Volunteers from the coast drove "
        "inland with pumps and generators, and the post office reopened in a marquee. Pensioners "
        "in the lower town were moved to a hotel by the lake, where nurses check on them twice a "
        "day.";
    const char *b_fmt =
        "Volunteers from across the country arrived with shovels, boots and bottled water. "
        "Speaking in the flooded square, the governor promised: \xe2\x80\x9c%s.\xe2\x80\x9d "
        "Insurers warned that most owners had no cover against floods. A meteorologist later "
        "added %s%s%s, and engineers began to inspect the dams upstream. The railway line to the "
        "capital stays closed until the bridges are checked. In the market town, shopkeepers "
        "dragged ruined fridges and sofas onto the pavement while children helped to sweep mud "
        "out of the church. A charity concert planned for next month will raise money for "
        "families who lost everything, and local brewers have promised to donate the takings of "
        "a whole weekend. Opposition deputies demanded an inquiry into why the sirens stayed "
        "silent on the first night. Bakers in the upper valley kept their ovens going through the "
        "night to feed the rescue crews. A museum of local history lost its archive of "
        "photographs, stored in a basement that filled to the ceiling within an hour.";
    size_t na = strlen(a_fmt) + strlen(q1) + strlen(q2) + 1;
    size_t nb = strlen(b_fmt) + strlen(q1) + strlen(q2) + 16;
    *a = core_arena_alloc(&arena, na);
    *b = core_arena_alloc(&arena, nb);
    snprintf(*a, na, a_fmt, q1, q2);
    snprintf(*b, nb, b_fmt, q1, marks ? "\"" : "", q2, marks ? "\"" : "");
}

static void test_quote_rule(void)
{
    char *a, *b, *a1, *b1;
    quoted_pair(&a, &b, 1);
    quoted_pair(&a1, &b1, 0);
    dedup_relation ex = exact(a, b, 2);
    double inner = ex.contained_a > ex.contained_b ? ex.contained_a : ex.contained_b;
    CHECK(inner >= DEDUP_QUOTED_CONTAINMENT && inner < DEDUP_REWRITE_CONTAINMENT,
          "the pair shares few shingles: only the quotation rule can call it a rewrite");

    dedup_sketch sa = sketch(a), sb = sketch(b), sb1 = sketch(b1);
    CHECK(sa.quote_count == 2 && sb.quote_count == 2 && sb1.quote_count == 1,
          "quotations of 5+ words are kept in the sketch, unmarked words are not one");
    dedup_relation two = dedup_compare(&sa, &sb), one = dedup_compare(&sa, &sb1);
    CHECK(two.shared_quotes == 2, "both quotations are found shared, typeset « » and “ ”");
    CHECK(one.shared_quotes == 1, "without marks only one quotation is shared");
    CHECK(memcmp(sb.min, sb1.min, sizeof sb.min) == 0,
          "quotation marks do not change the shingles");
    double est = two.contained_a > two.contained_b ? two.contained_a : two.contained_b;
    CHECK(est >= DEDUP_QUOTED_CONTAINMENT && est < DEDUP_REWRITE_CONTAINMENT,
          "the estimated containment is as low as the exact one");
    CHECK(two.kind == DEDUP_REWRITE, "two shared quotations make the pair a rewrite");
    CHECK(one.kind == DEDUP_NONE, "a single shared quotation with the same containment does not");
}

static void test_short_and_empty(void)
{
    dedup_sketch s = sketch("Storm hits");
    int filled = 0;
    for (int i = 0; i < DEDUP_SLOTS; i++) {
        filled += s.min[i] != DEDUP_EMPTY;
    }
    CHECK(s.shingles == 1 && filled == 1, "a text of two words gets one shingle");
    uint64_t *set;
    size_t n;
    CHECK(dedup_shingles("red blue green", 14, &arena, &set, &n) == FIL_OK && n == 1,
          "a text of three words has one shingle in its set");
    dedup_sketch t = sketch("Storm hits"), u = sketch("storm HITS");
    CHECK(dedup_compare(&t, &u).kind == DEDUP_COPY, "two equal short texts are copies");

    dedup_sketch e = sketch(""), p = sketch(" ,.; -- ");
    int empty = 1;
    for (int i = 0; i < DEDUP_SLOTS; i++) {
        empty &= e.min[i] == DEDUP_EMPTY && p.min[i] == DEDUP_EMPTY;
    }
    CHECK(empty && e.shingles == 0 && p.shingles == 0,
          "an empty text, or one of punctuation only, leaves every bin empty");
    CHECK(dedup_compare(&e, &p).kind == DEDUP_NONE, "two empty texts are not copies");
}

/* Typographic punctuation separates words as its ASCII form does. */
static void test_typographic_separators(void)
{
    dedup_relation r =
        exact("L\u2019arm\u00e9e turque a lanc\u00e9 \u00ab\u00a0une offensive\u00a0\u00bb "
              "hier\u2014au nord",
              "L'arm\u00e9e turque a lanc\u00e9 \"une offensive\" hier - au nord", 0);
    CHECK(r.resemblance == 1.0,
          "curly apostrophes, guillemets, no-break spaces and dashes split words like ASCII");
    r = exact("Les forces turques et syriennes", "Les forces\u00a0turques\u00a0et syriennes", 0);
    CHECK(r.resemblance == 1.0, "a no-break space is a space");
    r = exact("caf\u00e9 cr\u00e8me br\u00fbl\u00e9e ici", "cafe creme brulee ici", 0);
    CHECK(r.resemblance < 1.0, "accented letters stay letters of their word");
}

/* 1 when seq is among the n found. */
static int found_in(const uint32_t *out, size_t n, uint32_t seq)
{
    for (size_t i = 0; i < n; i++) {
        if (out[i] == seq) {
            return 1;
        }
    }
    return 0;
}

static void test_lsh(void)
{
    char *a = original_text();
    dedup_sketch sa = sketch(a), sf = sketch(join(fresh, 6)), sr = sketch(half_rewrite());
    dedup_sketch st = sketch(unrelated);
    uint32_t out[64];
    size_t n;

    dedup_lsh *lsh = dedup_lsh_new(2);
    CHECK(lsh != NULL, "an lsh of window 2 is made");
    dedup_lsh_add(lsh, &sa, out, 64, &n);
    CHECK(n == 0, "the first article finds nothing");
    dedup_lsh_add(lsh, &sa, out, 64, &n);
    CHECK(found_in(out, n, 0), "an exact copy finds the earlier article");
    CHECK(!found_in(out, n, 1), "an article never returns itself");
    dedup_lsh_add(lsh, &sf, out, 64, &n);
    CHECK(!found_in(out, n, 2), "nor does an unrelated article");
    dedup_lsh_add(lsh, &st, out, 64, &n);
    dedup_lsh_add(lsh, &sa, out, 64, &n); /* seq 4: compared with 2 and 3 */
    CHECK(!found_in(out, n, 0) && !found_in(out, n, 1),
          "articles older than the window are not returned, copies as they are");
    CHECK(dedup_lsh_sketch(lsh, 0) == NULL && dedup_lsh_sketch(lsh, 1) == NULL,
          "an article older than the window has no sketch");
    CHECK(dedup_lsh_sketch(lsh, 2) != NULL, "the window's oldest article keeps its sketch");
    const dedup_sketch *kept = dedup_lsh_sketch(lsh, 4);
    CHECK(kept && memcmp(kept->min, sa.min, sizeof sa.min) == 0,
          "the newest article keeps its sketch");
    CHECK(dedup_lsh_sketch(lsh, 5) == NULL, "an article not added yet has no sketch");
    CHECK(dedup_lsh_count(lsh) == 5, "five articles were added");
    dedup_lsh_add(lsh, &sr, out, 64, &n);
    CHECK(found_in(out, n, 4), "a half rewrite meets its source through a band");
    dedup_lsh_free(lsh);
}

/* A window of w compares each article with the w that arrived before it. */
static void test_lsh_window_of_one(void)
{
    dedup_sketch sa = sketch(original_text());
    uint32_t out[64];
    size_t n;
    dedup_lsh *lsh = dedup_lsh_new(1);
    dedup_lsh_add(lsh, &sa, out, 64, &n);
    dedup_lsh_add(lsh, &sa, out, 64, &n);
    CHECK(found_in(out, n, 0), "with a window of 1 an article meets the one just before it");
    dedup_lsh_add(lsh, &sa, out, 64, &n);
    CHECK(found_in(out, n, 1) && !found_in(out, n, 0), "and only that one");
    dedup_lsh_free(lsh);
}

static void test_lineage(void)
{
    dedup_lineage l;
    dedup_lineage_init(&l, 0);
    dedup_lineage_add(&l, 100);
    dedup_lineage_add(&l, 200);
    dedup_lineage_add(&l, 300);
    dedup_lineage_link(&l, 1, 0, DEDUP_COPY, 1.0, 1.0);
    dedup_lineage_link(&l, 2, 1, DEDUP_COPY, 1.0, 1.0);
    CHECK(dedup_lineage_root(&l, 2) == 0, "a copy of a copy points to the first publisher");
    CHECK(l.records[2].match == 1 && l.records[2].kind == DEDUP_COPY,
          "its record names the article it was found to repeat");
    CHECK(dedup_lineage_root(&l, 0) == 0, "the first publisher is its own root");

    dedup_lineage_add(&l, 50); /* published before all, arrives last */
    dedup_lineage_link(&l, 3, 2, DEDUP_REWRITE, 0.5, 0.75);
    CHECK(dedup_lineage_root(&l, 0) == 3 && dedup_lineage_root(&l, 2) == 3,
          "an earlier-published article arriving later becomes the root");
    CHECK(dedup_lineage_root(&l, 3) == 3, "and is its own root");
    CHECK(l.records[0].match == 3 && l.records[0].kind == DEDUP_REWRITE,
          "the old root is recorded as repeating it");
    CHECK(l.records[3].kind == DEDUP_NONE, "the new root repeats nothing");
    CHECK(l.records[0].containment == 0.75f,
          "the old root keeps its own share found in the new root, not the newcomer's share");
    CHECK(l.records[2].containment == 1.0f, "a copy keeps the share found when it was linked");
    dedup_lineage_free(&l);

    dedup_lineage_init(&l, 0);
    dedup_lineage_add(&l, DEDUP_NO_TIME);
    dedup_lineage_add(&l, DEDUP_NO_TIME);
    dedup_lineage_add(&l, 10);
    dedup_lineage_link(&l, 1, 0, DEDUP_COPY, 1.0, 1.0);
    dedup_lineage_link(&l, 2, 1, DEDUP_COPY, 1.0, 1.0);
    CHECK(dedup_lineage_root(&l, 1) == 0 && dedup_lineage_root(&l, 2) == 0,
          "untimed articles order by arrival");
    dedup_lineage_free(&l);
}

/* With a limit, only the newest articles' lineage is kept: memory stays
 * bounded on an endless stream, and a family whose first publisher was
 * forgotten stops at the oldest ancestor whose number is still known. */
static void test_lineage_limit(void)
{
    dedup_lineage l;
    dedup_lineage_init(&l, 2);
    for (int i = 0; i < 3; i++) {
        dedup_lineage_add(&l, 100 * (i + 1));
    }
    dedup_lineage_link(&l, 2, 1, DEDUP_COPY, 1.0, 1.0);
    CHECK(dedup_lineage_record(&l, 0) == NULL, "the oldest article beyond the limit is forgotten");
    CHECK(dedup_lineage_record(&l, 2) != NULL, "the newest are remembered");
    CHECK(l.capacity <= 1024, "the records do not grow past the ring");
    dedup_lineage_add(&l, 400);
    dedup_lineage_link(&l, 3, 2, DEDUP_COPY, 1.0, 1.0);
    CHECK(dedup_lineage_root(&l, 3) == 1,
          "a copy's root is its oldest ancestor still known (1), even once 1 is forgotten");
    dedup_lineage_free(&l);
}

static void test_index(void)
{
    core_arena scratch;
    core_arena_init(&scratch, 4096, 0);
    dedup_index *x = dedup_index_new(100, 0);
    CHECK(x != NULL, "an index is made");
    char *a = original_text(), *r = half_rewrite();
    const char *u = unrelated;
    dedup_decision d;

    CHECK(dedup_index_add(x, a, strlen(a), 1000, &scratch, &d) == FIL_OK, "an article is added");
    CHECK(d.seq == 0 && d.kind == DEDUP_NONE && d.match == 0, "the first article is an original");
    core_arena_reset(&scratch);
    dedup_index_add(x, u, strlen(u), 1100, &scratch, &d);
    CHECK(d.seq == 1 && d.kind == DEDUP_NONE, "an unrelated article is an original");
    core_arena_reset(&scratch);
    dedup_index_add(x, a, strlen(a), 1200, &scratch, &d);
    CHECK(d.kind == DEDUP_COPY && d.match == 0, "an exact copy repeats the first article");
    CHECK_NEAR(d.resemblance, 1.0, 1e-12, "with resemblance 1");
    core_arena_reset(&scratch);
    dedup_index_add(x, r, strlen(r), 1300, &scratch, &d);
    CHECK(d.kind == DEDUP_REWRITE && (d.match == 0 || d.match == 2),
          "a half rewrite repeats the original or its copy");
    CHECK(dedup_index_root(x, 3) == 0, "its first publisher is the original");

    core_arena_reset(&scratch);
    dedup_index_add(x, a, strlen(a), 500, &scratch, &d);
    /* the LSH table keeps the newest article per key: copy 2 stands in for 0 */
    CHECK(d.kind == DEDUP_COPY && (d.match == 0 || d.match == 2),
          "at arrival, an early copy repeats an article of the family");
    CHECK(dedup_index_root(x, 0) == 4 && dedup_index_root(x, 3) == 4,
          "published first, it becomes the family's first publisher");
    const dedup_record *rec = dedup_index_record(x, 0);
    CHECK(rec->match == 4 && rec->kind == DEDUP_COPY, "the old root now repeats it");
    CHECK(dedup_index_root(x, 1) == 1, "the unrelated article stays its own root");
    dedup_index_free(x);
    core_arena_free(&scratch);
}

int main(void)
{
    core_arena_init(&arena, 1 << 16, 0);
    test_copies();
    test_rewrite();
    test_classify();
    test_quote_rule();
    test_short_and_empty();
    test_typographic_separators();
    test_lsh();
    test_lsh_window_of_one();
    test_lineage();
    test_lineage_limit();
    test_index();
    core_arena_free(&arena);
    return check_summary("test_dedup");
}
