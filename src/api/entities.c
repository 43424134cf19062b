/*
 * src/api/entities.c -- fil_entities: the entity finder of
 * features/entities.h over an article cleaned as the stream cleans it.
 */
#include <string.h>

#include "api/engine.h"
#include "core/error.h"

/* Builds the gazetteer on first use, so that commands which never ask
 * for entities do not pay for it at fil_open. */
static int ensure_gazetteer(fil_engine *e, fil_error *err)
{
    size_t line;
    int rc = engine_gazetteer(e, &line);
    return rc ? core_error_set(err, rc, "entity tables: line %zu: %s", line, fil_strerror(rc))
              : FIL_OK;
}

int engine_gazetteer(fil_engine *e, size_t *bad_line)
{
    int rc = FIL_OK;
    *bad_line = 0;
    if (!e->gazetteer) {
        e->gazetteer = features_gazetteer_new(&rc, bad_line);
    }
    return e->gazetteer ? FIL_OK : rc;
}

/* The cleaned title, a line break and the cleaned text, NUL-terminated. */
char *engine_join(fil_engine *e, const engine_prepared *p, size_t *len)
{
    *len = p->title_len + 1 + p->text_len;
    char *s = core_arena_alloc(&e->scratch, *len + 1);
    if (s) {
        memcpy(s, p->title, p->title_len);
        s[p->title_len] = '\n';
        memcpy(s + p->title_len + 1, p->text, p->text_len);
        s[*len] = 0;
    }
    return s;
}

/* Copies the features_entity list into the public form, in the arena. */
static fil_entity *public_entities(fil_engine *e, const features_entity *f, size_t n)
{
    fil_entity *out = core_arena_alloc(&e->scratch, (n ? n : 1) * sizeof *out);
    for (size_t i = 0; out && i < n; i++) {
        out[i].canonical = f[i].canonical;
        out[i].display = f[i].display;
        out[i].type = features_entity_type_name(f[i].type);
        out[i].surfaces = f[i].surfaces;
        out[i].surface_count = f[i].surface_count;
        out[i].count = f[i].count;
        out[i].first_offset = f[i].first_offset;
    }
    return out;
}

int fil_entities(fil_engine *e, const fil_article *a, const fil_entity **out, size_t *count,
                 char lang_out[8], fil_error *err)
{
    *out = NULL;
    *count = 0;
    int rc = ensure_gazetteer(e, err);
    if (rc) {
        return rc;
    }
    core_arena_reset(&e->scratch);
    engine_prepared p;
    rc = engine_prepare(e, a, 0, &p);
    size_t len = 0, n = 0;
    char *s = rc ? NULL : engine_join(e, &p, &len);
    features_entity *f = NULL;
    rc = rc ? rc : s ? FIL_OK : FIL_ENOMEM;
    rc = rc ? rc
            : features_find_entities(e->gazetteer, e->stopwords, p.lang, s, len, e->cfg.max_tokens,
                                     &e->scratch, &f, &n);
    const fil_entity *pub = rc ? NULL : public_entities(e, f, n);
    if (!pub) {
        rc = rc ? rc : FIL_ENOMEM;
        return core_error_set(err, rc, "article %s: %s", a->id ? a->id : "(no id)",
                              fil_strerror(rc));
    }
    if (lang_out) {
        memcpy(lang_out, p.lang, 8);
    }
    *out = pub;
    *count = n;
    return FIL_OK;
}
