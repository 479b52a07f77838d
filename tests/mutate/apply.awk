# apply.awk - apply one mutant of a mutant list to one C source file, on stdout.
#   awk -v id=ID -f tests/mutate/apply.awk MUTANTS.tsv FILE.c > mutated.c
# The mutant's anchor is a function and a literal text inside it, never a line number, so a
# mutant still finds its place after the code around it moves. The function is found by its
# definition: a line at column 0 that names it followed by '(' and does not end in ';', through
# the line where its braces balance again. FUNCTION "*" means the whole file;
# "NAME:N" takes the Nth occurrence of FIND inside NAME (default the first).
# Exit 0: applied. Exit 3: no longer applies (function or text not found). Exit 4: no such id.
# The replacement is taken as written; the word (delete) stands for the empty text.
BEGIN { FS = "\t"; state = 0; found_id = 0; done = 0 }
FNR == NR {
    if ($0 ~ /^#/ || NF < 6) next
    if ($1 == id) { found_id = 1; fn = $3; find = $4; repl = $5 }
    next
}
FNR == 1 {
    if (!found_id) { bad = 4; exit }
    if (repl == "(delete)") repl = ""
    nth = 1
    if (fn ~ /:[0-9]+$/) { nth = substr(fn, match(fn, /:[0-9]+$/) + 1) + 0; fn = substr(fn, 1, RSTART - 1) }
    whole = fn == "*"
    seen = 0
}
{
    line = $0
    oneline = 0
    if (!whole && state == 0 && line ~ /^[A-Za-z_]/ && line !~ /;[ \t]*$/ && index(line, fn "(") > 0) {
        # the name must stand alone: not the tail of a longer identifier
        p = index(line, fn "(")
        if (p == 1 || substr(line, p - 1, 1) !~ /[A-Za-z0-9_]/) {
            state = 1
            if (line ~ /\{.*\}[ \t]*$/) oneline = 1 # static bool f(int y) { return ...; }
        }
    } else if (state == 1 && line ~ /;[ \t]*$/) {
        state = 0 # that was a prototype spread over lines
    } else if (state == 1 && line ~ /^\{/) {
        state = 2
        depth = 0
    }
    if (!done && (whole || state == 2 || oneline)) {
        rest = line; out = ""
        while (!done && (p = index(rest, find)) > 0) {
            seen++
            if (seen == nth) {
                out = out substr(rest, 1, p - 1) repl
                rest = substr(rest, p + length(find))
                done = 1
            } else {
                out = out substr(rest, 1, p - 1 + length(find))
                rest = substr(rest, p + length(find))
            }
        }
        line = out rest
    }
    if (state == 2) {
        # braces counted outside character and string literals: the body ends where they balance
        code = $0
        gsub(/'(\\.|[^'\\])'/, "", code)
        gsub(/"(\\.|[^"\\])*"/, "", code)
        depth += gsub(/\{/, "{", code) - gsub(/\}/, "}", code)
        if (depth <= 0) state = 3
    }
    if (oneline) state = 3
    print line
}
END {
    if (bad) exit bad
    if (!done) exit 3
}
