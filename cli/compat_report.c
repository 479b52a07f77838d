/* compat_report.c - `dcc compat`'s report formats. Every format carries the same facts: each
 * finding (rule, path, directions, level under the mode, message, place in NEW and in OLD) and the
 * verdict (mode, counts, bump needed and given, version problem). JSON and SARIF go through
 * jsonw.h, JUnit through libxml2's writer; nothing is pasted together by hand. */
#include "compat_report.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "jsonw.h"
#include "strbuf.h"
#include "xmllib.h"

const char *const compat_modes[] = {"none", "backward", "forward", "full", NULL};
_Static_assert(COMPAT_NONE == 0 && COMPAT_FULL == 3, "compat_modes follows CompatMode");
const char *const compat_formats[] = {"text", "json", "sarif", "junit", "github", "markdown", NULL};
_Static_assert(CF_MARKDOWN == 5, "compat_formats follows CompatFormat");

static const char *const level_words[] = {"error", "warning", "info"};

typedef struct {
    const char *file;
    unsigned line, col, end_line, end_col;
    bool known;
} Loc;

static Loc locate(const SourceSet *s, Span span)
{
    Loc l = {0};
    if (span.file == SPAN_NOFILE || span.file >= s->nfiles) return l;
    const SourceFile *f = s->files[span.file];
    l.file = f->path;
    source_line_col(f, span.start, &l.line, &l.col);
    source_line_col(f, span.end > span.start ? span.end : span.start, &l.end_line, &l.end_col);
    l.known = true;
    return l;
}

static const char *unit_name(const Contract *u) { return u->name.text ? u->name.text : "?"; }
static const char *unit_version(const Contract *u) { return u->version && u->version->text ? u->version->text : "?"; }

/* "; breaks backward" for a rule that breaks something. */
static const char *breaks_suffix(const CompatRule *r)
{
    switch (r->breaks) {
    case CDIR_BACKWARD: return "; breaks backward compatibility";
    case CDIR_FORWARD: return "; breaks forward compatibility";
    case CDIR_BOTH: return "; breaks backward and forward compatibility";
    default: return "";
    }
}

static const char *verdict_line(Arena *a, const CompatReport *r)
{
    const CompatVerdict *v = &r->verdict;
    return arena_printf(a, "%s %s -> %s, mode %s%s: %u error%s, %u warning%s, %u info%s; bump needed: %s, given: %s; %s",
                        unit_name(r->new_unit), v->old_version ? v->old_version : "?", v->new_version ? v->new_version : "?",
                        model_compat_name(v->mode), v->transitive ? " transitive" : "", v->errors, v->errors == 1 ? "" : "s",
                        v->warnings, v->warnings == 1 ? "" : "s", v->infos, v->infos == 1 ? "" : "s",
                        semver_bump_name(v->required), semver_bump_name(v->given), v->ok ? "compatible" : "NOT compatible");
}

/* ---- text ------------------------------------------------------------------------------------ */

static void write_text(const CompatReport *rs, size_t n, const SourceSet *s, FILE *out, bool color, Arena *a)
{
    static const Severity sev[] = {SEV_ERROR, SEV_WARNING, SEV_NOTE};
    for (size_t i = 0; i < n; i++) {
        const CompatReport *r = &rs[i];
        for (const CompatFinding *g = r->findings.first; g; g = g->next) {
            const CompatRule *rule = compat_rule(g->rule);
            CompatLevel lv = compat_finding_level(g, r->verdict.promised);
            diag_print_located(s, out, g->span, sev[lv], level_words[lv],
                               arena_printf(a, "%s%s", g->message, breaks_suffix(rule)), rule->id, color);
            if (g->old_span.file != SPAN_NOFILE) diag_print_located(s, out, g->old_span, SEV_NOTE, NULL, g->old_note, NULL, color);
            if (g->hint) diag_print_located(s, out, g->hint_span, SEV_NOTE, NULL, g->hint, NULL, color);
        }
        if (r->verdict.version_problem) fprintf(out, "version: %s\n", r->verdict.version_problem);
        fprintf(out, "%s\n", verdict_line(a, r));
    }
}

/* ---- JSON -------------------------------------------------------------------------------------- */

static void json_loc(JsonWriter *w, const SourceSet *s, Span span)
{
    Loc l = locate(s, span);
    if (!l.known) {
        jsonw_null(w);
        return;
    }
    jsonw_object(w);
    jsonw_key(w, "file"); jsonw_string(w, l.file);
    jsonw_key(w, "line"); jsonw_uint(w, l.line);
    jsonw_key(w, "column"); jsonw_uint(w, l.col);
    jsonw_key(w, "end_line"); jsonw_uint(w, l.end_line);
    jsonw_key(w, "end_column"); jsonw_uint(w, l.end_col);
    jsonw_end(w);
}

static void json_breaks(JsonWriter *w, CompatDirs d)
{
    jsonw_array(w);
    if (d & CDIR_BACKWARD) jsonw_string(w, "backward");
    if (d & CDIR_FORWARD) jsonw_string(w, "forward");
    jsonw_end(w);
}

static void json_unit(JsonWriter *w, const SourceSet *s, const Contract *u)
{
    jsonw_object(w);
    jsonw_key(w, "contract"); jsonw_string(w, unit_name(u));
    jsonw_key(w, "version"); jsonw_string(w, unit_version(u));
    jsonw_key(w, "file"); jsonw_string(w, u->file < s->nfiles ? s->files[u->file]->path : NULL);
    jsonw_end(w);
}

static void write_json(const CompatReport *rs, size_t n, const SourceSet *s, JsonWriter *w)
{
    bool ok = true;
    jsonw_object(w);
    jsonw_key(w, "reports");
    jsonw_array(w);
    for (size_t i = 0; i < n; i++) {
        const CompatReport *r = &rs[i];
        const CompatVerdict *v = &r->verdict;
        ok &= v->ok;
        jsonw_object(w);
        jsonw_key(w, "new"); json_unit(w, s, r->new_unit);
        jsonw_key(w, "old");
        jsonw_array(w);
        for (unsigned j = 0; j < r->nold; j++) json_unit(w, s, r->olds[j]);
        jsonw_end(w);
        jsonw_key(w, "mode"); jsonw_string(w, model_compat_name(v->mode));
        jsonw_key(w, "transitive"); jsonw_bool(w, v->transitive);
        jsonw_key(w, "findings");
        jsonw_array(w);
        for (const CompatFinding *g = r->findings.first; g; g = g->next) {
            const CompatRule *rule = compat_rule(g->rule);
            jsonw_object(w);
            jsonw_key(w, "rule"); jsonw_string(w, rule->id);
            jsonw_key(w, "name"); jsonw_string(w, rule->name);
            jsonw_key(w, "category"); jsonw_string(w, rule->category);
            jsonw_key(w, "breaks"); json_breaks(w, rule->breaks);
            jsonw_key(w, "level"); jsonw_string(w, level_words[compat_finding_level(g, v->promised)]);
            jsonw_key(w, "path"); jsonw_string(w, g->path);
            jsonw_key(w, "message"); jsonw_string(w, g->message);
            jsonw_key(w, "old_index"); jsonw_uint(w, g->old_index);
            jsonw_key(w, "location"); json_loc(w, s, g->span);
            jsonw_key(w, "old_location"); json_loc(w, s, g->old_span);
            jsonw_key(w, "hint"); jsonw_string(w, g->hint);
            jsonw_end(w);
        }
        jsonw_end(w);
        jsonw_key(w, "summary");
        jsonw_object(w);
        jsonw_key(w, "errors"); jsonw_uint(w, v->errors);
        jsonw_key(w, "warnings"); jsonw_uint(w, v->warnings);
        jsonw_key(w, "infos"); jsonw_uint(w, v->infos);
        jsonw_end(w);
        jsonw_key(w, "version");
        jsonw_object(w);
        jsonw_key(w, "old"); jsonw_string(w, v->old_version);
        jsonw_key(w, "new"); jsonw_string(w, v->new_version);
        jsonw_key(w, "required_bump"); jsonw_string(w, semver_bump_name(v->required));
        jsonw_key(w, "given_bump"); jsonw_string(w, semver_bump_name(v->given));
        jsonw_key(w, "ok"); jsonw_bool(w, v->version_ok);
        jsonw_key(w, "problem"); jsonw_string(w, v->version_problem);
        jsonw_end(w);
        jsonw_key(w, "ok"); jsonw_bool(w, v->ok);
        jsonw_end(w);
    }
    jsonw_end(w);
    jsonw_key(w, "ok"); jsonw_bool(w, ok);
    jsonw_end(w);
}

/* ---- SARIF 2.1.0 ------------------------------------------------------------------------------ */

/* A file path as a URI reference: unreserved characters and '/' as they are, the rest
 * percent-encoded (so that "origin/main:x.dc" cannot read as a scheme). */
static const char *uri(Arena *a, const char *path)
{
    if (!path) return "";
    StrBuf b;
    sb_init(&b);
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
            sb_putc(&b, (char)*p);
        else
            sb_printf(&b, "%%%02X", *p);
    }
    const char *s = arena_strdup(a, b.data ? b.data : "");
    sb_free(&b);
    return s;
}

static void sarif_location(JsonWriter *w, const SourceSet *s, Span span, Arena *a)
{
    Loc l = locate(s, span);
    jsonw_key(w, "physicalLocation");
    jsonw_object(w);
    jsonw_key(w, "artifactLocation");
    jsonw_object(w);
    jsonw_key(w, "uri"); jsonw_string(w, uri(a, l.file));
    jsonw_end(w);
    jsonw_key(w, "region");
    jsonw_object(w);
    jsonw_key(w, "startLine"); jsonw_uint(w, l.line);
    jsonw_key(w, "startColumn"); jsonw_uint(w, l.col);
    jsonw_key(w, "endLine"); jsonw_uint(w, l.end_line);
    jsonw_key(w, "endColumn"); jsonw_uint(w, l.end_col > l.col || l.end_line > l.line ? l.end_col : l.col + 1);
    jsonw_end(w);
    jsonw_end(w);
}

static void write_sarif(const CompatReport *rs, size_t n, const SourceSet *s, JsonWriter *w, Arena *a)
{
    static const char *const sarif_level[] = {"error", "warning", "note"};
    jsonw_object(w);
    jsonw_key(w, "$schema"); jsonw_string(w, "https://json.schemastore.org/sarif-2.1.0.json");
    jsonw_key(w, "version"); jsonw_string(w, "2.1.0");
    jsonw_key(w, "runs");
    jsonw_array(w);
    jsonw_object(w);
    jsonw_key(w, "tool");
    jsonw_object(w);
    jsonw_key(w, "driver");
    jsonw_object(w);
    jsonw_key(w, "name"); jsonw_string(w, "dcc compat");
    jsonw_key(w, "version"); jsonw_string(w, DCC_VERSION);
    jsonw_key(w, "rules");
    jsonw_array(w);
    for (int i = 0; i < CR__COUNT; i++) {
        const CompatRule *rule = compat_rule((CompatRuleId)i);
        jsonw_object(w);
        jsonw_key(w, "id"); jsonw_string(w, rule->id);
        jsonw_key(w, "name"); jsonw_string(w, rule->name);
        jsonw_key(w, "shortDescription");
        jsonw_object(w); jsonw_key(w, "text"); jsonw_string(w, rule->summary); jsonw_end(w);
        jsonw_key(w, "fullDescription");
        jsonw_object(w); jsonw_key(w, "text"); jsonw_string(w, rule->rationale); jsonw_end(w);
        jsonw_key(w, "properties");
        jsonw_object(w);
        jsonw_key(w, "category"); jsonw_string(w, rule->category);
        jsonw_key(w, "breaks"); json_breaks(w, rule->breaks);
        jsonw_end(w);
        jsonw_end(w);
    }
    jsonw_end(w);
    jsonw_end(w); /* driver */
    jsonw_end(w); /* tool */
    jsonw_key(w, "columnKind"); jsonw_string(w, "unicodeCodePoints");
    jsonw_key(w, "results");
    jsonw_array(w);
    for (size_t i = 0; i < n; i++) {
        const CompatReport *r = &rs[i];
        for (const CompatFinding *g = r->findings.first; g; g = g->next) {
            const CompatRule *rule = compat_rule(g->rule);
            jsonw_object(w);
            jsonw_key(w, "ruleId"); jsonw_string(w, rule->id);
            jsonw_key(w, "ruleIndex"); jsonw_uint(w, (unsigned)g->rule);
            jsonw_key(w, "level"); jsonw_string(w, sarif_level[compat_finding_level(g, r->verdict.promised)]);
            jsonw_key(w, "message");
            jsonw_object(w);
            jsonw_key(w, "text"); jsonw_string(w, arena_printf(a, "%s%s", g->message, breaks_suffix(rule)));
            jsonw_end(w);
            jsonw_key(w, "locations");
            jsonw_array(w);
            jsonw_object(w);
            sarif_location(w, s, g->span, a);
            jsonw_end(w);
            jsonw_end(w);
            if (g->old_span.file != SPAN_NOFILE || g->hint) {
                jsonw_key(w, "relatedLocations");
                jsonw_array(w);
                unsigned id = 0;
                if (g->old_span.file != SPAN_NOFILE) {
                    jsonw_object(w);
                    jsonw_key(w, "id"); jsonw_uint(w, id++);
                    sarif_location(w, s, g->old_span, a);
                    jsonw_key(w, "message");
                    jsonw_object(w); jsonw_key(w, "text"); jsonw_string(w, g->old_note); jsonw_end(w);
                    jsonw_end(w);
                }
                if (g->hint) {
                    jsonw_object(w);
                    jsonw_key(w, "id"); jsonw_uint(w, id++);
                    sarif_location(w, s, g->hint_span, a);
                    jsonw_key(w, "message");
                    jsonw_object(w); jsonw_key(w, "text"); jsonw_string(w, g->hint); jsonw_end(w);
                    jsonw_end(w);
                }
                jsonw_end(w);
            }
            jsonw_key(w, "properties");
            jsonw_object(w);
            jsonw_key(w, "path"); jsonw_string(w, g->path);
            jsonw_key(w, "breaks"); json_breaks(w, rule->breaks);
            jsonw_end(w);
            jsonw_end(w);
        }
    }
    jsonw_end(w); /* results */
    /* The verdict, which has no place in a file, as the run's properties. */
    jsonw_key(w, "properties");
    jsonw_object(w);
    jsonw_key(w, "verdicts");
    jsonw_array(w);
    for (size_t i = 0; i < n; i++) jsonw_string(w, verdict_line(a, &rs[i]));
    jsonw_end(w);
    jsonw_end(w);
    jsonw_end(w); /* run */
    jsonw_end(w);
    jsonw_end(w);
}

/* ---- JUnit XML ---------------------------------------------------------------------------------- */

/* One suite per comparison; one test case per finding (failed when it is an error under the
 * mode), and one for the version rule, so that CI dashboards count the breaking changes. */
static int write_junit(const CompatReport *rs, size_t n, const SourceSet *s, FILE *out, Arena *a)
{
    xmlBufferPtr buf = xmllib()->xmlBufferCreate();
    xmlTextWriterPtr w = buf ? xmllib()->xmlNewTextWriterMemory(buf, 0) : NULL;
    if (!w) {
        if (buf) xmllib()->xmlBufferFree(buf);
        return -1;
    }
    int rc = 0;
    unsigned tests = 0, failures = 0;
    for (size_t i = 0; i < n; i++) {
        tests += rs[i].findings.count + 1;
        failures += rs[i].verdict.errors + !rs[i].verdict.version_ok;
    }
#define X(call) \
    do { \
        if ((call) < 0) rc = -1; \
    } while (0)
#define U(v) BAD_CAST arena_printf(a, "%u", (unsigned)(v))
    xmllib()->xmlTextWriterSetIndent(w, 1);
    xmllib()->xmlTextWriterSetIndentString(w, BAD_CAST "  ");
    X(xmllib()->xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL));
    X(xmllib()->xmlTextWriterStartElement(w, BAD_CAST "testsuites"));
    X(xmllib()->xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST "dcc compat"));
    X(xmllib()->xmlTextWriterWriteAttribute(w, BAD_CAST "tests", U(tests)));
    X(xmllib()->xmlTextWriterWriteAttribute(w, BAD_CAST "failures", U(failures)));
    for (size_t i = 0; i < n; i++) {
        const CompatReport *r = &rs[i];
        const char *suite = unit_name(r->new_unit);
        X(xmllib()->xmlTextWriterStartElement(w, BAD_CAST "testsuite"));
        X(xmllib()->xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST suite));
        X(xmllib()->xmlTextWriterWriteAttribute(w, BAD_CAST "tests", U(r->findings.count + 1)));
        X(xmllib()->xmlTextWriterWriteAttribute(w, BAD_CAST "failures", U(r->verdict.errors + !r->verdict.version_ok)));
        X(xmllib()->xmlTextWriterWriteAttribute(w, BAD_CAST "errors", BAD_CAST "0"));
        for (const CompatFinding *g = r->findings.first; g; g = g->next) {
            const CompatRule *rule = compat_rule(g->rule);
            CompatLevel lv = compat_finding_level(g, r->verdict.promised);
            Loc l = locate(s, g->span);
            X(xmllib()->xmlTextWriterStartElement(w, BAD_CAST "testcase"));
            X(xmllib()->xmlTextWriterWriteAttribute(w, BAD_CAST "classname", BAD_CAST suite));
            X(xmllib()->xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST arena_printf(a, "%s %s %s", rule->id, rule->name, g->path)));
            if (l.known) {
                X(xmllib()->xmlTextWriterWriteAttribute(w, BAD_CAST "file", BAD_CAST l.file));
                X(xmllib()->xmlTextWriterWriteAttribute(w, BAD_CAST "line", U(l.line)));
            }
            const char *text = l.known ? arena_printf(a, "%s:%u:%u: %s%s", l.file, l.line, l.col, g->message, breaks_suffix(rule))
                                       : arena_printf(a, "%s%s", g->message, breaks_suffix(rule));
            if (lv == CLVL_ERROR) {
                X(xmllib()->xmlTextWriterStartElement(w, BAD_CAST "failure"));
                X(xmllib()->xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST rule->id));
                X(xmllib()->xmlTextWriterWriteAttribute(w, BAD_CAST "message", BAD_CAST g->message));
                X(xmllib()->xmlTextWriterWriteString(w, BAD_CAST text));
                X(xmllib()->xmlTextWriterEndElement(w));
            } else {
                X(xmllib()->xmlTextWriterWriteElement(w, BAD_CAST "system-out", BAD_CAST arena_printf(a, "%s: %s", level_words[lv], text)));
            }
            X(xmllib()->xmlTextWriterEndElement(w));
        }
        X(xmllib()->xmlTextWriterStartElement(w, BAD_CAST "testcase"));
        X(xmllib()->xmlTextWriterWriteAttribute(w, BAD_CAST "classname", BAD_CAST suite));
        X(xmllib()->xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST "version rule"));
        if (!r->verdict.version_ok) {
            X(xmllib()->xmlTextWriterStartElement(w, BAD_CAST "failure"));
            X(xmllib()->xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST "version"));
            X(xmllib()->xmlTextWriterWriteAttribute(w, BAD_CAST "message", BAD_CAST r->verdict.version_problem));
            X(xmllib()->xmlTextWriterWriteString(w, BAD_CAST verdict_line(a, r)));
            X(xmllib()->xmlTextWriterEndElement(w));
        } else {
            X(xmllib()->xmlTextWriterWriteElement(w, BAD_CAST "system-out", BAD_CAST verdict_line(a, r)));
        }
        X(xmllib()->xmlTextWriterEndElement(w));
        X(xmllib()->xmlTextWriterEndElement(w));
    }
    X(xmllib()->xmlTextWriterEndElement(w));
    X(xmllib()->xmlTextWriterEndDocument(w));
#undef X
#undef U
    xmllib()->xmlFreeTextWriter(w);
    if (rc == 0 && fwrite(buf->content, 1, (size_t)buf->use, out) != (size_t)buf->use) rc = -1;
    xmllib()->xmlBufferFree(buf);
    return rc;
}

/* ---- GitHub workflow annotations ---------------------------------------------------------------- */

/* Escapes for workflow commands: data escapes %, CR and LF; properties also ':' and ','. */
static void gh_escape(FILE *out, const char *s, bool property)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '%': fputs("%25", out); break;
        case '\r': fputs("%0D", out); break;
        case '\n': fputs("%0A", out); break;
        case ':': fputs(property ? "%3A" : ":", out); break;
        case ',': fputs(property ? "%2C" : ",", out); break;
        default: fputc(*s, out);
        }
    }
}

static void write_github(const CompatReport *rs, size_t n, const SourceSet *s, FILE *out, Arena *a)
{
    static const char *const cmd[] = {"error", "warning", "notice"};
    for (size_t i = 0; i < n; i++) {
        const CompatReport *r = &rs[i];
        for (const CompatFinding *g = r->findings.first; g; g = g->next) {
            const CompatRule *rule = compat_rule(g->rule);
            Loc l = locate(s, g->span);
            fprintf(out, "::%s ", cmd[compat_finding_level(g, r->verdict.promised)]);
            if (l.known) {
                fputs("file=", out);
                gh_escape(out, l.file, true);
                fprintf(out, ",line=%u,col=%u,endLine=%u,endColumn=%u,", l.line, l.col, l.end_line, l.end_col);
            }
            fputs("title=", out);
            gh_escape(out, arena_printf(a, "%s %s", rule->id, rule->name), true);
            fputs("::", out);
            gh_escape(out, arena_printf(a, "%s%s", g->message, breaks_suffix(rule)), false);
            fputc('\n', out);
        }
        fprintf(out, "::%s title=", r->verdict.ok ? "notice" : "error");
        gh_escape(out, "dcc compat", true);
        fputs("::", out);
        gh_escape(out, r->verdict.version_problem ? arena_printf(a, "%s (%s)", verdict_line(a, r), r->verdict.version_problem)
                                                  : verdict_line(a, r),
                  false);
        fputc('\n', out);
    }
}

/* ---- Markdown (changelog, pull-request comment) ---------------------------------------------------- */

static void md_text(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        if (strchr("\\`*_[]<>#|~", *s)) fputc('\\', out);
        fputc(*s == '\n' ? ' ' : *s, out);
    }
}

static void write_markdown(const CompatReport *rs, size_t n, FILE *out)
{
    for (size_t i = 0; i < n; i++) {
        const CompatReport *r = &rs[i];
        const CompatVerdict *v = &r->verdict;
        fputs("## ", out);
        md_text(out, unit_name(r->new_unit));
        fputc(' ', out);
        md_text(out, v->old_version);
        fputs(" → ", out);
        md_text(out, v->new_version);
        fprintf(out, "\n\nMode %s%s: %s. Bump needed: %s; given: %s.", model_compat_name(v->mode),
                v->transitive ? " transitive" : "", v->ok ? "**compatible**" : "**not compatible**",
                semver_bump_name(v->required), semver_bump_name(v->given));
        if (v->version_problem) {
            fputs(" Version: ", out);
            md_text(out, v->version_problem);
            fputc('.', out);
        }
        fputc('\n', out);
        /* breaking (errors under the mode); warnings: a change to look at, which may break
         * (CMP510, a pattern change too large to decide) or will (a deprecation), so never listed
         * as compatible; compatible (the rest but documentation); documentation */
        static const char *const heads[] = {"Breaking", "Warnings", "Compatible", "Documentation"};
        for (int group = 0; group < 4; group++) {
            bool any = false;
            for (const CompatFinding *g = r->findings.first; g; g = g->next) {
                const CompatRule *rule = compat_rule(g->rule);
                CompatLevel lv = compat_finding_level(g, v->promised);
                int gr = lv == CLVL_ERROR ? 0 : lv == CLVL_WARNING ? 1 : (rule->bump == BUMP_PATCH && rule->breaks == CDIR_NONE) ? 3 : 2;
                if (gr != group) continue;
                if (!any) fprintf(out, "\n### %s\n\n", heads[group]);
                any = true;
                fputs("- ", out);
                md_text(out, g->message);
                fprintf(out, " (%s %s", rule->id, rule->name);
                if (rule->breaks != CDIR_NONE) fprintf(out, "; breaks %s", compat_dirs_name(rule->breaks));
                fputs(")\n", out);
            }
        }
        if (!r->findings.first) fputs("\nNo changes.\n", out);
        if (i + 1 < n) fputc('\n', out);
    }
}

int compat_report_write(CompatFormat fmt, const CompatReport *r, size_t n, const SourceSet *sources, FILE *out,
                        bool color)
{
    Arena *a = arena_new();
    int rc = 0;
    switch (fmt) {
    case CF_TEXT: write_text(r, n, sources, out, color, a); break;
    case CF_JSON:
    case CF_SARIF: {
        StrBuf buf;
        sb_init(&buf);
        JsonWriter w;
        jsonw_init_file(&w, &buf, out, 2);
        if (fmt == CF_JSON) write_json(r, n, sources, &w);
        else write_sarif(r, n, sources, &w, a);
        rc = jsonw_finish(&w);
        sb_free(&buf);
        break;
    }
    case CF_JUNIT: rc = write_junit(r, n, sources, out, a); break;
    case CF_GITHUB: write_github(r, n, sources, out, a); break;
    case CF_MARKDOWN: write_markdown(r, n, out); break;
    }
    arena_free(a);
    if (fflush(out) != 0 || ferror(out)) rc = -1;
    return rc;
}

/* ---- running a comparison ------------------------------------------------------------------------ */

/* The index of the OLD with the highest version (the last of equals). */
static unsigned latest_of(const Contract **olds, unsigned n)
{
    unsigned best = 0;
    for (unsigned i = 1; i < n; i++) {
        SemVer a = {olds[i]->semver.major, olds[i]->semver.minor, olds[i]->semver.patch, olds[i]->semver.pre, NULL};
        SemVer b = {olds[best]->semver.major, olds[best]->semver.minor, olds[best]->semver.patch, olds[best]->semver.pre, NULL};
        if (semver_compare(&a, &b) >= 0) best = i;
    }
    return best;
}

static bool use_color(CliColor c)
{
    if (c == CLI_COLOR_ALWAYS) return true;
    if (c == CLI_COLOR_NEVER) return false;
    const char *no = getenv("NO_COLOR");
    if (no && *no) return false;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0) return false;
    return isatty(STDOUT_FILENO);
}

bool compat_readable(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && !S_ISDIR(st.st_mode) && access(path, R_OK) == 0;
}

int compat_run(const CliInputs *in, const CompatRun *o, CompatJob *jobs, size_t njobs, const char *tmp, const char *ref)
{
    const char *why;
    if (o->format == CF_JUNIT && !xmllib_load(&why)) {
        fprintf(stderr, "%s: --format junit needs libxml2: %s\n", in->prog, why);
        return CLI_EXIT_USAGE;
    }
    Compilation c;
    compile_init(&c);
    c.include_dirs = in->include_dirs;
    c.ninclude = in->ninclude;
    int rc = 0;
    const Contract ***olds = arena_alloc(c.arena, njobs * sizeof *olds);
    const Contract **news = arena_alloc(c.arena, njobs * sizeof *news);
    for (size_t j = 0; j < njobs && rc == 0; j++) {
        olds[j] = arena_alloc(c.arena, (jobs[j].nold + 1) * sizeof **olds);
        for (unsigned i = 0; i <= jobs[j].nold; i++) {
            const char *path = i < jobs[j].nold ? jobs[j].old_paths[i] : jobs[j].new_path;
            if (!path) continue;
            if (!compat_readable(path)) {
                fprintf(stderr, "%s: cannot read '%s'\n", in->prog, path);
                rc = CLI_EXIT_USAGE;
                break;
            }
            Contract *u = compile_file(&c, path);
            if (u && u->kind != UNIT_CONTRACT) {
                fprintf(stderr, "%s: '%s' is a library, not a contract: nothing to compare\n", in->prog, path);
                rc = CLI_EXIT_USAGE;
                break;
            }
            if (i < jobs[j].nold) olds[j][i] = u;
            else news[j] = u;
        }
    }
    /* Files taken from git show as REF:path, as `git show` names them. */
    size_t tlen = tmp ? strlen(tmp) : 0;
    for (size_t i = 0; tmp && i < c.sources.nfiles; i++) {
        SourceFile *f = c.sources.files[i];
        if (strncmp(f->path, tmp, tlen) == 0 && strncmp(f->path + tlen, "/tree/", 6) == 0)
            f->path = arena_printf(c.arena, "%s:%s", ref, f->path + tlen + 6);
    }
    if (rc == 0 && c.diags.errors) rc = CLI_EXIT_USAGE;
    for (size_t j = 0; rc == 0 && j < njobs; j++) {
        if (!news[j]) rc = CLI_EXIT_USAGE;
        for (unsigned i = 0; i < jobs[j].nold; i++)
            if (jobs[j].old_paths[i] && !olds[j][i]) rc = CLI_EXIT_USAGE;
    }
    if (rc != 0 || c.diags.errors || c.diags.warnings) {
        CliInputs shown = *in;
        cli_report(&c.diags, &shown, stderr);
    }
    if (rc == 0) {
        CompatReport *reports = arena_alloc(c.arena, njobs * sizeof *reports);
        size_t nrep = 0;
        bool ok = true;
        for (size_t j = 0; j < njobs; j++) {
            if (jobs[j].nold == 1 && !jobs[j].old_paths[0]) {
                fprintf(stderr, "%s: '%s' is not in %s: a new contract, nothing to compare\n", in->prog, jobs[j].new_path, ref);
                continue;
            }
            CompatReport *r = &reports[nrep++];
            r->new_unit = news[j];
            r->olds = olds[j];
            r->nold = jobs[j].nold;
            r->latest = latest_of(olds[j], jobs[j].nold);
            CompatMode mode = o->mode >= 0 ? (CompatMode)o->mode : news[j]->compatibility;
            bool transitive = o->transitive || (o->mode < 0 && news[j]->compat_transitive);
            compat_findings_init(&r->findings, c.arena);
            r->findings.pattern_limit = o->pattern_limit;
            for (unsigned i = 0; i < r->nold; i++)
                if (transitive || i == r->latest) compat_diff(&r->findings, olds[j][i], news[j], i);
            compat_verdict(&r->verdict, &r->findings, mode, transitive, olds[j][r->latest], r->latest, news[j]);
            ok &= r->verdict.ok;
        }
        if (compat_report_write(o->format, reports, nrep, &c.sources, stdout, use_color(in->color)) != 0) {
            fprintf(stderr, "%s: writing the report failed\n", in->prog);
            rc = CLI_EXIT_USAGE;
        } else {
            rc = ok || o->always_ok ? 0 : CLI_EXIT_CONTRACT;
        }
    }
    compile_free(&c);
    return rc;
}

