/*
 * tests/unit/test_entities.c -- people, places and organisations: titles,
 * particles, demonyms, aliases across languages, damaged sentences and
 * sentence starts (src/features/entities.h).
 */
#include <string.h>

#include "check.h"
#include "core/arena.h"
#include "features/entities.h"
#include "features/termvec.h"
#include "text/tokenize.h"
#include "fil.h"
#include "text/stopwords.h"

typedef struct env {
    features_gazetteer *g;
    text_stopwords *sw;
    core_arena arena;
    features_entity *e;
    size_t n;
} env;

/* Finds the entities of s in lang into env. */
static void find(env *v, const char *lang, const char *s)
{
    core_arena_reset(&v->arena);
    int rc =
        features_find_entities(v->g, v->sw, lang, s, strlen(s), 10000, &v->arena, &v->e, &v->n);
    CHECK(rc == FIL_OK, "entities are sought");
}

static const features_entity *get(const env *v, const char *canonical)
{
    for (size_t i = 0; i < v->n; i++) {
        if (strcmp(v->e[i].canonical, canonical) == 0) {
            return &v->e[i];
        }
    }
    return NULL;
}

static int has_type(const env *v, const char *canonical, unsigned type)
{
    const features_entity *e = get(v, canonical);
    return e && e->type == type;
}

static int has_surface(const features_entity *e, const char *surface)
{
    for (uint32_t i = 0; e && i < e->surface_count; i++) {
        if (strcmp(e->surfaces[i], surface) == 0) {
            return 1;
        }
    }
    return 0;
}

static void test_titles(env *v)
{
    find(v, "fr", "Hier, le président turc Recep Tayyip Erdogan a reçu M. Lavrov à Ankara.");
    CHECK(has_type(v, "erdogan", FEATURES_ENTITY_PERSON), "a name after a title is a person");
    CHECK(has_type(v, "lavrov", FEATURES_ENTITY_PERSON), "M. names a person");
    CHECK(!get(v, "president") && !get(v, "m"), "a title is not an entity");
    find(v, "fr", "Selon le porte-parole présidentiel Ahmed Durand, rien ne change.");
    CHECK(has_type(v, "ahmed durand", FEATURES_ENTITY_PERSON),
          "a title reaches a name across a lower-case adjective");
    find(v, "de", "Gestern sagte Bundeskanzlerin Angela Merkel in Berlin, es gehe voran.");
    CHECK(has_type(v, "merkel", FEATURES_ENTITY_PERSON), "Bundeskanzlerin is a title");
    CHECK(has_type(v, "berlin", FEATURES_ENTITY_PLACE), "Berlin is a place");
    find(v, "de", "Damit folgte US-Präsident Hawkins dem Rat.");
    CHECK(has_type(v, "hawkins", FEATURES_ENTITY_PERSON), "a hyphenated title counts by its end");
    find(v, "en", "Later, Ms Okafor met President Lindqvist in Oslo.");
    CHECK(has_type(v, "okafor", FEATURES_ENTITY_PERSON) &&
              has_type(v, "lindqvist", FEATURES_ENTITY_PERSON),
          "Ms and President are titles");
    find(v, "es", "Ayer el presidente Marcos Ibarra viajó a Lima.");
    CHECK(has_type(v, "marcos ibarra", FEATURES_ENTITY_PERSON), "el presidente is a title");
    find(v, "it", "Ieri il presidente Sergio Mattarella ha parlato a Roma.");
    CHECK(has_type(v, "sergio mattarella", FEATURES_ENTITY_PERSON), "il presidente is a title");
    CHECK(has_type(v, "rome", FEATURES_ENTITY_PLACE), "Roma is Rome");
}

static void test_particles(env *v)
{
    find(v, "fr", "Les forces de Bachar el-Assad avancent.");
    CHECK(get(v, "assad") && v->n == 1, "Bachar el-Assad is Assad, one entity");
    find(v, "fr", "Il a rencontré le juge Ahmed bin Salem hier.");
    CHECK(has_type(v, "ahmed bin salem", FEATURES_ENTITY_PERSON), "bin stays inside a name");
    find(v, "en", "The minister thanked Piet van der Berg for his work.");
    CHECK(get(v, "piet van der berg") != NULL, "van der stays inside a name");
    find(v, "fr", "On a vu Jean-Pierre Martin sortir.");
    CHECK(get(v, "jean pierre martin") != NULL, "a hyphenated first name is one name");
    find(v, "en", "They met Carla de in the hall.");
    CHECK(!get(v, "carla de"), "a name never ends with a particle");
}

static void test_demonyms(env *v)
{
    find(v, "fr", "Trente militaires turcs ont été tués.");
    const features_entity *tr = get(v, "turkey");
    CHECK(tr && tr->count == 1 && tr->surface_count == 0, "turcs mentions Turkey");
    CHECK(tr && strcmp(tr->display, "Turkey") == 0,
          "an entity met only as a demonym shows the table's name");
    find(v, "en", "American officials said nothing.");
    CHECK(get(v, "united states") != NULL, "American mentions the United States");
    find(v, "de", "Die russische Armee zog ab.");
    CHECK(get(v, "russia") != NULL, "russische mentions Russia");
    find(v, "de", "Sie fuhr mit der Deutsche Bahn.");
    CHECK(!get(v, "germany"), "a capitalised demonym before a name is part of the name");
}

static void test_aliases(env *v)
{
    const char *moscow[][2] = {{"fr", "Il est arrivé à Moscou hier."},
                               {"de", "Er ist gestern in Moskau angekommen."},
                               {"en", "He arrived in Moscow yesterday."},
                               {"it", "È arrivato a Mosca ieri."}};
    for (size_t i = 0; i < 4; i++) {
        find(v, moscow[i][0], moscow[i][1]);
        CHECK(has_type(v, "moscow", FEATURES_ENTITY_PLACE), "Moscou, Moskau, Mosca are Moscow");
    }
    find(v, "fr", "Selon Erdoğan, puis selon Erdogan et Recep Tayyip Erdogan, tout va bien.");
    const features_entity *e = get(v, "erdogan");
    CHECK(e && e->count == 3 && v->n == 1, "three spellings, one entity");
    CHECK(has_surface(e, "Erdoğan") && has_surface(e, "Erdogan"), "both spellings are kept");
    find(v, "de", "Die Vereinigte Staaten und Wladimir Putin, die USA und Putin.");
    CHECK(get(v, "united states") && get(v, "united states")->count == 2 && get(v, "putin"),
          "Vereinigte Staaten and USA are the United States");
    find(v, "fr", "Les États-Unis, les Etats-Unis et Vladimir Poutine.");
    CHECK(get(v, "united states") && get(v, "united states")->count == 2 && get(v, "putin"),
          "États-Unis without its accent is still the United States; Poutine is Putin");
    find(v, "fr", "Un espace de dialogue existe, selon l'ONU.");
    CHECK(get(v, "united nations") && get(v, "united nations")->count == 1,
          "an alias in capitals (ONU, UN) matches only capitals: 'Un' is an article");
}

static void test_damage(env *v)
{
    static const char *const junk[] = {
        "La région d\xe2\x80\x99 a connu une recrudescence de la violence.",
        "les forces fid\xc3\xa8les au r\xc3\xa9gime de Bachar el-, soutenues par des frappes.",
        "lors de la r\xc3\xa9union sur la , apr\xc3\xa8s avoir parl\xc3\xa9.",
        "Il a men\xc3\xa9 une nouvelle pour capturer, ont d\xc3\xa9"
        "clar\xc3\xa9 les .",
        "FLASH INFO :\nNEWSLETTER\nR\xc3\x89SEAUX SOCIAUX",
    };
    for (size_t i = 0; i < sizeof junk / sizeof *junk; i++) {
        find(v, "fr", junk[i]);
        CHECK(v->n == 0, "a damaged sentence or a heading gives no entity");
    }
    find(v, "fr", "avec son homologue turc Recep Tayyip , Trump a parl\xc3\xa9.");
    CHECK(get(v, "trump") && !get(v, "recep tayyip"), "a name cut before ' ,' is dropped");
    find(v, "fr", "un accord conclu entre et Moscou pour la paix.");
    CHECK(v->n == 1 && get(v, "moscow"), "a missing word leaves the next name alone");
    find(v, "fr",
         "L'Arm\xc3\xa9"
         "e nationale libyenne d\xe2\x80\x99 a re\xc3\xa7u le soutien.");
    CHECK(!get(v, "armee") && !get(v, "armee nationale") && get(v, "libya"),
          "an unconfirmed word at a sentence start gives nothing; the demonym counts");
}

static void test_sentence_start(env *v)
{
    find(v, "fr",
         "Kal\xc4\xb1n a soulign\xc3\xa9 ce point. Le porte-parole Ibrahim Kal\xc4\xb1n a "
         "ajout\xc3\xa9.");
    const features_entity *k = get(v, "ibrahim kal\xc4\xb1n");
    CHECK(k && k->count == 2 && v->n == 1,
          "a sentence-start name confirmed later is kept, as the longer name");
    find(v, "fr", "Pendant des semaines, rien. Dimanche, le calme.");
    CHECK(v->n == 0, "a capitalised first word alone is not a name");
    find(v, "fr", "Poutine et Erdogan se sont entretenus.");
    CHECK(get(v, "putin") && get(v, "erdogan"), "the gazetteer confirms a sentence start");
    find(v, "fr", "Zorglub a parl\xc3\xa9. Personne ne l'a cru.");
    CHECK(v->n == 0, "an unknown name seen only at a sentence start is left out");
    find(v, "de", "Die Regierung in Berlin plant eine Reform.");
    CHECK(v->n == 1 && get(v, "berlin"), "German nouns are not names");
    find(v, "en", "The strike began. Union chair Marloes Verbeek told reporters at the VRT gate.");
    CHECK(get(v, "marloes verbeek") && has_type(v, "vrt", FEATURES_ENTITY_ORG),
          "a two-word name and an acronym inside a sentence");
}

static void test_introducers(env *v)
{
    find(v, "de", "Rund 4300 Arbeiter sind einem Aufruf der Gewerkschaft Havenunie gefolgt.");
    CHECK(has_type(v, "havenunie", FEATURES_ENTITY_ORG),
          "a kind word introduces an organisation's name, even in German");
    find(v, "de", "Die Gewerkschaft fordert sieben Prozent mehr Lohn.");
    CHECK(v->n == 0, "a kind word names only the word right after it");
    find(v, "de", "Das sagte eine Sprecherin des Flughafens am Mittwoch.");
    CHECK(v->n == 0, "a German article after a title opens a noun, not a name");
    find(v, "es", "Lo dijo la ministra de Transportes, Agn\xc3\xa8s Morel, en Dijon.");
    CHECK(!get(v, "transportes") && has_type(v, "agnes morel", FEATURES_ENTITY_PERSON),
          "a title's complement is no name; the name after it is a person");
    find(v, "en",
         "The Vereniging Rotterdamse Terminals (VRT) offered 4%. VRT director Joost "
         "Hendriksen said no.");
    const features_entity *vrt = get(v, "vereniging rotterdamse terminals");
    CHECK(vrt && vrt->count == 3 && !get(v, "vrt"), "an acronym of a name's initials is that name");
    find(v, "es", "Registran el Ayuntamiento de Marsella por favoritismo.");
    CHECK(get(v, "ayuntamiento de marsella") && !get(v, "registran el ayuntamiento de marsella"),
          "a separate 'el' is a Spanish article, not a name particle");
    CHECK(has_type(v, "marseille", FEATURES_ENTITY_PLACE), "a place inside a name counts too");
}

static void test_german_names(env *v)
{
    find(v, "de", "Kurzfristig bringe das Umsatz, sagte Jens Ohlsen vom Verband.");
    CHECK(has_type(v, "jens ohlsen", FEATURES_ENTITY_PERSON) && v->n == 1,
          "a verb of saying makes the name after it a person, even in German");
    find(v, "de",
         "Die Schlichterin aus Delft, Anneke Stolk, gab auf. \xe2\x80\x9eGenug\xe2\x80\x9c, "
         "sagte Stolk.");
    const features_entity *st = get(v, "anneke stolk");
    CHECK(st && st->count == 2, "a sure surname confirms the tentative full name it ends");
    find(v, "de", "Seit Anfang Jahr gab es 1672 Millionen Franken.");
    CHECK(v->n == 0, "German noun pairs are no names");
}

static void test_headlines(env *v)
{
    find(v, "en", "Dockworkers Walk Out at Rotterdam as Wage Talks Stall\nThe port is shut.");
    CHECK(v->n == 1 && get(v, "rotterdam"), "a line in headline case proves no name");
    find(v, "en", "ROTTERDAM, Feb 3 (Europa Wire) \xe2\x80\x93 Thousands of dockworkers stopped.");
    CHECK(!get(v, "thousands") && get(v, "europa wire") && !get(v, "europe"),
          "a dash starts a sentence; a name goes on past a gazetteer word");
    find(v, "fr", "Jonas Lauwiner, connu sous ce nom, roule en char.");
    CHECK(has_type(v, "jonas lauwiner", FEATURES_ENTITY_PERSON),
          "a name of two capitalised words holds at a sentence start");
}

static void test_credits(env *v)
{
    find(v, "fr",
         "Juan est mort en plein match.AFP\nLe club de Juan Izquierdo a parl\xc3\xa9.\n(AFP)");
    CHECK(!get(v, "afp") && get(v, "juan izquierdo"),
          "a caption's credit glued to its sentence, and the signing (AFP), are no mentions");
    find(v, "fr", "Moins de retards pour le moment.20min/Vanessa Lam\nLa compagnie Swiss vole.");
    CHECK(!get(v, "vanessa lam"), "a photographer's credit after a slash is no mention");
    find(v, "en", "ROTTERDAM, Feb 3 (Europa Wire) \xe2\x80\x93 Thousands of dockworkers stopped.");
    CHECK(has_type(v, "europa wire", FEATURES_ENTITY_ORG),
          "the name in parentheses of a dateline is an agency, not a person");
    find(v, "en",
         "Marchers walked from Atocha station to Plaza de Espa\xc3\xb1"
         "a, chanting.");
    CHECK(has_type(v, "plaza de espana", FEATURES_ENTITY_PLACE),
          "a name holding a word for a kind of place is a place");
    find(v, "en", "The organisers, Plataforma Alquiler Justo, said 150,000 marched.");
    CHECK(has_type(v, "plataforma alquiler justo", FEATURES_ENTITY_ORG),
          "a platform of campaigners is an organisation, not a person (nor a speaker)");
    find(v, "en", "Travellers at London Heathrow waited.");
    CHECK(get(v, "london heathrow") && !has_type(v, "london heathrow", FEATURES_ENTITY_PERSON),
          "a name that begins with a place is no person");
}

static void test_city_demonyms(env *v)
{
    find(v, "de", "Der Streik im Rotterdamer Hafen dauert an.");
    CHECK(has_type(v, "rotterdam", FEATURES_ENTITY_PLACE) && v->n == 1,
          "a German city's adjective in -er mentions the city, even before a noun");
    find(v, "fr", "L'office de la circulation bernois refuse; les Bernois protestent.");
    const features_entity *b = get(v, "bern");
    CHECK(b && b->count == 2 && v->n == 1, "a French city's adjective mentions the city");
    find(v, "fr", "Il y a eu des accidents dans les montagnes valaisannes.");
    CHECK(get(v, "valais"), "a region's adjective too");
    find(v, "fr", "Le pr\xc3\xa9sident Fran\xc3\xa7ois Hollande a parl\xc3\xa9.");
    CHECK(get(v, "francois hollande") && !get(v, "france"),
          "a capitalised word before a name is a first name, not a people");
    find(v, "de", "Er verurteilte einen schweizerisch-britischen Doppelb\xc3\xbcrger.");
    CHECK(get(v, "switzerland") && get(v, "united kingdom"),
          "each part of a hyphenated demonym mentions its country");
    find(v, "fr", "Les clubs sud-am\xc3\xa9ricains jouent.");
    CHECK(v->n == 0, "a compass point before a demonym makes another people");
}

static void test_confirmations(env *v)
{
    find(v, "en", "Talks collapsed. Havenunie said its members would walk out.");
    CHECK(get(v, "havenunie"), "the subject of a verb of saying is a name");
    find(v, "en", "Talks collapsed. Officials said nothing. Police said more.");
    CHECK(v->n == 0, "a plural or a word for an organisation before 'said' is no name");
    find(v, "de", "Kurzstrecke:\n1. London\n2. Malaga\n3. Stockholm\nLangstrecke:");
    CHECK(has_type(v, "stockholm", FEATURES_ENTITY_PLACE) && get(v, "malaga"),
          "the items of a numbered list with a known place among them are places");
    find(v, "fr", "Miami, Barcelone ou encore New York: tant de destinations.");
    CHECK(has_type(v, "miami", FEATURES_ENTITY_PLACE),
          "an item of an inline list with a known place is a place");
    find(v, "fr",
         "Cependant, Erdogan a d\xc3\xa9"
         "clar\xc3\xa9 dimanche qu'il viendra.");
    CHECK(v->n == 1, "a word and a comma before a name make no list");
    find(v, "de",
         "Spediteure in Duisburg klagen. Das Gesetz tritt in Kraft. Sie sitzen in Flugzeugen.");
    CHECK(has_type(v, "duisburg", FEATURES_ENTITY_PLACE) && v->n == 1,
          "in German 'in' with no article before a name makes it a place, not before a noun");
    find(v, "de", "Das sagte VRT-Direktor Joost Hendriksen am Mittwoch.");
    CHECK(has_type(v, "vrt", FEATURES_ENTITY_ORG) && get(v, "joost hendriksen"),
          "an acronym before a hyphenated title is an organisation");
    find(v, "de", "Die B\xc3\xbcrgermeisterin von Delft, Anneke Stolk, gab auf. Das sagte Stolk.");
    CHECK(has_type(v, "delft", FEATURES_ENTITY_PLACE) && get(v, "anneke stolk"),
          "a mayor's complement is a place");
    find(v, "es",
         "La mediadora, la exalcaldesa de Delft Anneke Stolk, dio por terminada su misi\xc3\xb3n.");
    CHECK(has_type(v, "delft", FEATURES_ENTITY_PLACE) &&
              has_type(v, "anneke stolk", FEATURES_ENTITY_PERSON),
          "a mayor's place run into the name is split from it");
    find(v, "fr", "Jonas Lauwiner, connu comme le Roi de Berthoud, roule en char.");
    CHECK(has_type(v, "berthoud", FEATURES_ENTITY_PLACE), "so is a king's");
    find(v, "de",
         "Seine Frau informierte er \xc3\xbc"
         "ber seine Ankunft.");
    CHECK(v->n == 0, "in German a title reaches no name past a lower-case word");
    find(v, "fr",
         "Selon eux, l'Unit\xc3\xa9 de Surveillance de l'Espace de l'Arm\xc3\xa9"
         "e Allemande a "
         "fourni ces informations.");
    CHECK(get(v, "unite de surveillance de espace de armee allemande"),
          "in French a capitalised demonym inside a name is part of it");
    find(v, "en",
         "The train stopped near Plombi\xc3\xa8res-l\xc3\xa8s-Dijon. They were taken to Dijon "
         "hospital.");
    CHECK(get(v, "dijon"), "a one-word name is no surname of a hyphenated place");
}

/* Entities found in tokens made earlier, of the whole text, equal those
 * found by tokenising its first bytes. */
static void test_in_tokens(env *v)
{
    const char *s = "Le président turc Recep Tayyip Erdogan a parlé à Donald Trump. "
                    "Vladimir Poutine attend à Moscou.";
    size_t cut = (size_t)(strstr(s, "Vladimir") - s);
    core_arena_reset(&v->arena);
    text_token *tok;
    size_t n, dn, en;
    features_entity *d, *e;
    int rc = text_tokenize(s, strlen(s), 10000, &v->arena, &tok, &n);
    rc = rc ? rc : features_find_entities(v->g, v->sw, "fr", s, cut, 10000, &v->arena, &d, &dn);
    rc = rc ? rc
            : features_find_entities_in_tokens(v->g, v->sw, "fr", s, cut, tok, NULL, NULL, n,
                                               &v->arena, &e, &en);
    int same = !rc && dn >= 2 && en == dn;
    for (size_t i = 0; same && i < dn; i++) {
        same = strcmp(d[i].canonical, e[i].canonical) == 0 && d[i].count == e[i].count &&
               d[i].first_offset == e[i].first_offset;
    }
    CHECK(same, "the first sentence gives the same entities (two or more) either way");
    /* word keys as features_token_key gives them: 0 for a stopword */
    uint32_t *keys = core_arena_alloc(&v->arena, n * sizeof *keys);
    for (size_t i = 0; keys && i < n; i++) {
        keys[i] = !text_stopwords_contains(v->sw, "fr", tok[i].folded, tok[i].folded_len);
    }
    /* word classes as a caller keeps them: known for all but the first */
    uint64_t *classes = core_arena_alloc(&v->arena, n * sizeof *classes);
    for (size_t i = 0; classes && i < n; i++) {
        classes[i] = i == 0 ? FEATURES_CLASS_UNKNOWN
                            : features_gazetteer_word_class(v->g, tok[i].folded, tok[i].folded_len);
    }
    for (int with_classes = 0; with_classes < 2; with_classes++) {
        features_entity *k;
        size_t kn;
        rc = keys && classes ? features_find_entities_in_tokens(v->g, v->sw, "fr", s, cut, tok,
                                                                keys, with_classes ? classes : NULL,
                                                                n, &v->arena, &k, &kn)
                             : FIL_ENOMEM;
        same = !rc && kn == dn;
        for (size_t i = 0; same && i < dn; i++) {
            same = strcmp(d[i].canonical, k[i].canonical) == 0 && d[i].count == k[i].count;
        }
        CHECK(same, with_classes
                        ? "word classes known already give the same entities"
                        : "stopwords read from word keys give the same entities as probed ones");
    }
}

/* An English possessive is no part of a name: "Germany’s" shows as
 * Germany and a name stops at it; an entity shows its fullest surface. */
static void test_possessives(env *v)
{
    find(v, "en",
         "Germany’s rail network stalled. Rescuers reached Iceland’s Grindavík at dawn. "
         "Grindavík was empty.");
    const features_entity *de = get(v, "germany");
    CHECK(de && strcmp(de->display, "Germany") == 0, "a possessive is not shown");
    CHECK(!get(v, "iceland grindavik") && get(v, "iceland") && get(v, "grindavik"),
          "a name ends at a possessive");
    find(v, "en", "Mayor Didier Castellan spoke. Castellan said he would resign, Castellan added.");
    const features_entity *c = get(v, "didier castellan");
    CHECK(c && strcmp(c->display, "Didier Castellan") == 0,
          "the fullest surface shows, though the surname alone recurs more");
}

/* What a source is named by ("selon", "según") says nothing of its kind:
 * a hospital or a delegation named so is an organisation. */
static void test_sources(env *v)
{
    find(v, "fr", "Leur pronostic vital n'est pas engagé, selon le CHU de Dijon.");
    CHECK(has_type(v, "chu de dijon", FEATURES_ENTITY_ORG), "a CHU is an organisation");
    find(v, "es", "Fueron 38.000 personas, según la Delegación del Gobierno.");
    CHECK(has_type(v, "delegacion del gobierno", FEATURES_ENTITY_ORG),
          "a Delegación is an organisation");
}

int main(void)
{
    env v = {0};
    int rc;
    size_t line;
    v.g = features_gazetteer_new(&rc, &line);
    v.sw = text_stopwords_new();
    CHECK(v.g && v.sw, "the compiled-in tables load");
    if (!v.g || !v.sw) {
        return check_summary("test_entities");
    }
    core_arena_init(&v.arena, 4096, 0);
    test_titles(&v);
    test_particles(&v);
    test_demonyms(&v);
    test_aliases(&v);
    test_damage(&v);
    test_sentence_start(&v);
    test_introducers(&v);
    test_headlines(&v);
    test_german_names(&v);
    test_credits(&v);
    test_city_demonyms(&v);
    test_confirmations(&v);
    test_in_tokens(&v);
    test_possessives(&v);
    test_sources(&v);
    core_arena_free(&v.arena);
    text_stopwords_free(v.sw);
    features_gazetteer_free(v.g);
    return check_summary("test_entities");
}
