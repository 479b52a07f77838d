# comments.awk FILE.dc - the comments of a contract, one per line, in order: what `dcc fmt` must
# keep. Strings are skipped (a "//" inside one is text); a block comment's lines are joined with
# " | "; blanks around each line are dropped (fmt re-indents), and a leading "///" reads as "//"
# (fmt writes an unattached doc line above a declaration as "//" so that it stays unattached).
function flush() { if (cur != "") { sub(/^\/\/\//, "//", cur); print cur }; cur = "" }
function trim(s) { sub(/^[ \t\r]+/, "", s); sub(/[ \t\r]+$/, "", s); return s }
BEGIN { inblock = 0; cur = "" }
{
    line = $0; i = 1; n = length(line); instr = 0
    if (inblock) {
        e = index(line, "*/")
        if (!e) { cur = cur " | " trim(line); next }
        cur = cur " | " trim(substr(line, 1, e + 1)); flush(); inblock = 0; i = e + 2
    }
    while (i <= n) {
        c = substr(line, i, 1)
        if (instr) {
            if (c == "\\") i++
            else if (c == "\"") instr = 0
        } else if (c == "\"") {
            instr = 1
        } else if (substr(line, i, 2) == "//") {
            cur = trim(substr(line, i)); flush(); break
        } else if (substr(line, i, 2) == "/*") {
            e = index(substr(line, i + 2), "*/")
            if (e) { cur = trim(substr(line, i, e + 3)); flush(); i += e + 3; continue }
            cur = trim(substr(line, i)); inblock = 1; break
        }
        i++
    }
}
END { flush() }
