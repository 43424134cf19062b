/*
 * src/text/langid_cld2.cc -- the extern "C" shim over CLD2's C++ API.
 */
#include "text/langid_cld2.h"

#include <cstdio> /* compact_lang_det.h uses FILE without including it */
#include <cstring>

#include <cld2/public/compact_lang_det.h>

namespace
{

struct code_rename {
    const char *from;
    const char *to;
};

const code_rename renames[] = {{"iw", "he"}, {"in", "id"}, {"jw", "jv"}, {"tl", "fil"}};

} // namespace

extern "C" void text_cld2_detect(const char *utf8, size_t len, char code[8], int *reliable)
{
    const size_t max_bytes = 64 * 1024;
    bool is_reliable = false;
    int valid_prefix = 0;
    CLD2::Language lang =
        CLD2::DetectLanguageCheckUTF8(utf8, static_cast<int>(len < max_bytes ? len : max_bytes),
                                      true, &is_reliable, &valid_prefix);
    const char *c = CLD2::LanguageCode(lang);
    for (const code_rename &r : renames) {
        if (std::strcmp(c, r.from) == 0) {
            c = r.to;
        }
    }
    size_t n = std::strcspn(c, "-");
    n = n < 7 ? n : 7;
    std::memcpy(code, c, n);
    code[n] = '\0';
    *reliable = is_reliable ? 1 : 0;
}
