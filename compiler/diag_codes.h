/* diag_codes.h - every diagnostic dcc can report: code, severity, short name and the text of
 * docs/diagnostics.md. This table is the one place codes live; codes are never reused.
 *
 * X(ENUM_NAME, "DCnnnn", SEVERITY, "summary", "explanation for the docs")
 * SEVERITY is ERROR or WARNING. Append new codes in the section they belong to. */

/* --- 01xx: reading and scanning ---------------------------------------------------------- */
X(D_IO_ERROR,            "DC0100", ERROR,   "cannot read file", "A file named on the command line or in an import cannot be read: it is missing, a directory, unreadable or too large.")
X(D_INVALID_UTF8,        "DC0101", ERROR,   "invalid UTF-8", "Contract files are UTF-8. The byte sequence at the location is not valid UTF-8.")
X(D_NUL_BYTE,            "DC0102", ERROR,   "NUL byte in source", "A contract file contains a NUL byte, which usually means a binary file was passed by mistake.")
X(D_BAD_CHAR,            "DC0103", ERROR,   "unexpected character", "A character that cannot begin any token.")
X(D_UNTERMINATED_STRING, "DC0104", ERROR,   "unterminated string", "A string literal has no closing quote before the end of the line or file.")
X(D_UNTERMINATED_COMMENT,"DC0105", ERROR,   "unterminated comment", "A /* comment has no closing */.")
X(D_BAD_ESCAPE,          "DC0106", ERROR,   "invalid escape sequence", "Strings allow \\\" \\\\ \\n \\t \\r and \\u{HEX} (a Unicode scalar value). A pattern or SQL text is written as a raw string, r\"^\\d+$\" (r#\"...\"# when it holds a \"), which keeps backslashes as written; the note shows that spelling.")
X(D_BAD_NUMBER,          "DC0107", ERROR,   "malformed number", "A token starting with a digit is neither a number, a version, a duration nor a percentage.")
X(D_BAD_DURATION,        "DC0108", ERROR,   "malformed duration", "A duration is an integer followed by one unit: ms, s, m, h, d, w or y.")
X(D_BAD_PERCENT,         "DC0109", ERROR,   "malformed percentage", "A percentage is a number from 0 to 100 followed by %.")
X(D_TOKEN_TOO_LONG,      "DC0110", ERROR,   "token too long", "Identifiers are limited to 255 bytes and strings to 64 KiB.")
X(D_EMPTY_FILE,          "DC0111", ERROR,   "empty file", "The file contains no contract or library.")
X(D_CONTROL_CHAR,        "DC0112", ERROR,   "control character in string", "Strings may not contain raw control characters; use an escape.")
X(D_STRING_NUL,          "DC0150", ERROR,   "NUL character in string", "A string cannot hold U+0000 (written \\u{0}): names, patterns and values end at it in C and SQL, so it is refused where it is written.")
X(D_UNQUOTED_DATE,       "DC0151", ERROR,   "unquoted date or time", "A date, time or timestamp is written as a string: \"2026-11-25\", \"13:45:00\", \"2026-11-25T13:45:00Z\". The value is read as that string, so the rest of the file is still checked.")

/* --- 02xx: syntax ------------------------------------------------------------------------ */
X(D_SYNTAX,              "DC0200", ERROR,   "syntax error", "The parser expected something else here; the message says what, suggests the keyword a misspelt word was meant to be, and gives the fix for common slips (a missing version, a spaced duration). The parser resumes at the next item, and every declaration that parsed is still checked; nothing is said that a dropped item might settle.")
X(D_NESTING_TOO_DEEP,    "DC0201", ERROR,   "nesting too deep", "Types nest at most 64 levels (struct, list, map); metadata values (custom properties, team, roles, ...) at most 128 lists and maps, as deep as ODCS YAML may nest.")
X(D_DUP_ITEM,            "DC0202", ERROR,   "item given twice", "An item that may appear once (owner, sla, primary key, an attribute of a field, ...) is given twice.")
X(D_TOO_MANY_ERRORS,     "DC0203", ERROR,   "too many errors", "dcc stops after 100 errors in one run.")

/* --- 03xx: names and declarations -------------------------------------------------------- */
X(D_UNKNOWN_TYPE,        "DC0300", ERROR,   "unknown type", "A type name is neither built in, declared in this file, nor declared in an import under that alias.")
X(D_UNKNOWN_NAME,        "DC0301", ERROR,   "unknown name", "A name does not refer to anything in scope.")
X(D_DUPLICATE,           "DC0302", ERROR,   "duplicate declaration", "Two declarations in the same scope have the same name. A note points at the first.")
X(D_UNKNOWN_FIELD,       "DC0303", ERROR,   "unknown field", "A key, rule or reference names a field the dataset does not have.")
X(D_UNKNOWN_DATASET,     "DC0304", ERROR,   "unknown dataset", "A reference or upstream names a dataset that does not exist in that contract.")
X(D_UNKNOWN_IMPORT,      "DC0305", ERROR,   "unknown import alias", "A qualified name starts with an alias no import declares.")
X(D_BUILTIN_REDEFINED,   "DC0306", ERROR,   "built-in type redefined", "A named type may not take the name of a built-in type.")
X(D_BAD_NAME,            "DC0307", ERROR,   "invalid product name", "A contract or library name has at least two dotted parts.")
X(D_KEY_OPTIONAL,        "DC0308", ERROR,   "optional field in primary key", "Every field of a primary key must be required.")
X(D_KEY_TYPE,            "DC0309", ERROR,   "field cannot be a key", "Keys and unique constraints apply to scalar fields, not lists, maps, structs or json.")
X(D_NO_DATASET,          "DC0310", ERROR,   "contract without datasets", "A contract describes at least one dataset.")
X(D_NO_FIELDS,           "DC0311", ERROR,   "dataset without fields", "A dataset or struct has at least one field.")
X(D_MISSING_OWNER,       "DC0312", ERROR,   "missing owner", "Every contract names its owning team.")
X(D_LIBRARY_ITEM,        "DC0313", ERROR,   "not allowed in a library", "A library holds only type declarations.")
X(D_KEY_ODCS_ORDER,      "DC0314", WARNING, "key positions ODCS needs", "A primary key says `odcs (no_positions)` (its ODCS file gave no primaryKeyPosition) but lists its fields in another order than the dataset. ODCS readers take unpositioned key columns in the order written, so `dcc gen -t odcs` writes the positions all the same.")

/* --- 04xx: types and constraints --------------------------------------------------------- */
X(D_BAD_VERSION,         "DC0400", ERROR,   "invalid semantic version", "Versions follow semver 2.0.0: MAJOR.MINOR.PATCH, no leading zeros, optional -prerelease and +build.")
X(D_TYPE_CYCLE,          "DC0401", ERROR,   "cyclic type", "A named type refers to itself, directly or through other named types.")
X(D_DECIMAL_RANGE,       "DC0402", ERROR,   "decimal precision or scale out of range", "decimal(P,S) needs 1 <= P <= 38 and 0 <= S <= P.")
X(D_STRING_LENGTH,       "DC0403", ERROR,   "invalid string length", "string(N) needs 1 <= N <= 2147483647.")
X(D_TYPE_ARGS,           "DC0404", ERROR,   "wrong type arguments", "The type takes no arguments, or a different number of them.")
X(D_MAP_KEY,             "DC0405", ERROR,   "map key must be string", "Maps are written map<string, T>.")
X(D_ENUM_EMPTY,          "DC0406", ERROR,   "empty enumeration", "An enumeration lists at least one value.")
X(D_ENUM_DUP,            "DC0407", ERROR,   "duplicate enumeration value", "Each enumeration value appears once.")
X(D_ATTR_TYPE,           "DC0408", ERROR,   "attribute does not apply to this type", "For example range on a string, length on a number, pattern on a non-string.")
X(D_MIN_GT_MAX,          "DC0409", ERROR,   "empty interval", "The lower bound of a range or length is above the upper bound, or equal with an exclusive side.")
X(D_LITERAL_TYPE,        "DC0410", ERROR,   "value does not fit the type", "A default, bound or allowed value is not a valid value of the field's type.")
X(D_DEFAULT_VIOLATES,    "DC0411", ERROR,   "default violates the field's constraints", "The default value is outside the range, length, pattern or allowed values of its own field.")
X(D_BAD_PATTERN,         "DC0412", ERROR,   "invalid pattern", "The regular expression does not parse.")
X(D_PATTERN_UNSUPPORTED, "DC0413", ERROR,   "unsupported pattern feature", "The pattern uses a construct outside the supported dialect (backreferences, lookaround, ...); see docs/patterns.md.")
X(D_REF_TYPE,            "DC0414", ERROR,   "reference between incompatible types", "A field references a field of a different type.")
X(D_BAD_ENUM_WORD,       "DC0415", ERROR,   "unknown keyword value", "A word such as a status, classification, compatibility mode, output kind, format, personal data category, unknown-fields policy or word of a primary key's `odcs (...)` (and the word `odcs` itself before that list) is not one of the allowed ones; likewise the ODCS version of `standard odcs \"V\"` (v3.0.0 to v3.2.0), and `status \"S\"` holding one of dcc's own statuses, which is written as a word.")
X(D_BAD_DATE,            "DC0416", ERROR,   "invalid date or time", "A date, time or timestamp literal is not valid (for example 2026-02-30).")
X(D_NEGATIVE_LENGTH,     "DC0417", ERROR,   "negative length", "Length bounds are non-negative integers.")
X(D_REF_TARGET_NOT_KEY,  "DC0418", WARNING, "reference to a non-key field", "A reference should point at a primary key or unique field of the target dataset.")
X(D_SUNSET_FORMAT,       "DC0419", ERROR,   "invalid sunset date", "A sunset date is a date: \"2027-06-30\".")

/* --- 05xx: quality rules and service levels ---------------------------------------------- */
X(D_RULE_FIELD_TYPE,     "DC0500", ERROR,   "quality rule on a field of the wrong type", "freshness needs a date or timestamp field; missing_count, missing_rate and invalid_count or invalid_rate with valid values a string, enum, number or boolean field, whose listed values compare the same way everywhere.")
X(D_PERCENT_RANGE,       "DC0501", ERROR,   "percentage out of range", "A percentage lies between 0% and 100%.")
X(D_BAD_CRON,            "DC0502", ERROR,   "invalid cron expression", "A cron expression has five fields: minute hour day-of-month month day-of-week.")
X(D_DURATION_ZERO,       "DC0503", ERROR,   "zero duration", "A duration must be positive.")
X(D_RULE_VALUE,          "DC0504", ERROR,   "invalid rule threshold", "row_count, null_count, invalid_count, duplicate_count and missing_count compare with a non-negative integer, sql with a number.")
X(D_RULE_NEVER,          "DC0505", WARNING, "quality rule always or never holds", "The comparison holds for every value or for none (e.g. null_rate < 0%).")
X(D_FRESHNESS_SLA,       "DC0506", WARNING, "freshness rule looser than the SLA", "A dataset freshness rule allows older data than the contract's SLA promises.")
X(D_RULE_BOUNDS,         "DC0507", ERROR,   "between with its bounds the wrong way round", "`between a and b` and `not between a and b` include both bounds and need a <= b, as ODCS's mustBeBetween lists the smaller number first: `row_count between 1000 and 100` would hold for no count at all.")
X(D_RULE_UNITS,          "DC0508", ERROR,   "between with bounds in different units", "The two bounds of a freshness rule's `between` are written in one unit (`between 1h and 36h`, not `between 1h and 2d`), as the rule's threshold carries one unit into every target.")
X(D_RULE_PLACE,          "DC0509", ERROR,   "quality rule's field does not fit where it is written", "A rule in a field's `expect` block is about that field: it may leave the field out or name it, but not name another (write that rule in the dataset's `quality` block or in the other field's `expect` block). A rule in the dataset's `quality` block names its field (`null_count(email)`). Only a dataset's own fields take an `expect` block: not a type declaration, and not a struct's field, whose values dataset rules do not address.")

/* --- 06xx: imports ----------------------------------------------------------------------- */
X(D_IMPORT_NOT_FOUND,    "DC0600", ERROR,   "import not found", "The imported file was found neither beside the importing file nor on any -I path.")
X(D_IMPORT_CYCLE,        "DC0601", ERROR,   "cyclic import", "Files import each other in a cycle; the notes show the chain.")
X(D_ALIAS_CLASH,         "DC0602", ERROR,   "import alias clash", "Two imports have the same alias, or an alias clashes with a declaration.")
X(D_UNUSED_IMPORT,       "DC0603", WARNING, "unused import", "Nothing from the imported file is used.")
X(D_IMPORT_HAS_ERRORS,   "DC0604", ERROR,   "imported file has errors", "An imported file failed to check; its own errors are reported too.")
X(D_IMPORT_TOO_DEEP,     "DC0605", ERROR,   "imports nested too deeply", "A chain of imports is more than 64 files deep.")

/* --- 07xx: generating --------------------------------------------------------------------- */
X(D_TARGET_UNSUPPORTED,  "DC0700", ERROR,   "the target cannot express this", "The target chosen with dcc gen -t has no way to express something in the contract (for example a value its output language cannot hold). The message names the target and what it cannot express; other targets may.")
X(D_TARGET_UNCHECKED,    "DC0701", WARNING, "the target keeps a constraint it cannot check", "The output of dcc gen -t keeps a constraint of the contract only as an annotation, because its language cannot check it (a timestamptz range or allowed values in JSON Schema, which compare instants across offsets). Validators of that output accept values dcc refuses; docs/jsonschema.md lists such differences.")
/* DC0750-DC0799: ODCS element metadata in the language (issue 14, field and dataset level) */
X(D_META_WORD,           "DC0750", ERROR,   "unknown element-metadata item", "`physical` is followed by `name` or `type`, `business` and `encrypted` by `name` (`physical name \"ORD_ID\"`, `business name \"Order\"`). Another word there is an error.")
X(D_META_PLACE,          "DC0751", ERROR,   "element metadata on a type declaration", "`id`, `business name`, `physical name`, `physical type`, `encrypted name`, `examples`, `critical` and `meta` describe one column of one dataset (ODCS properties), so only a field takes them, not a named type.")
X(D_META_ID_TWICE,       "DC0752", ERROR,   "id given to two elements", "Element ids (ODCS `id`) name one dataset or field; two elements of a contract with the same id would make references to it ambiguous. A note points at the first.")
X(D_META_EMPTY,          "DC0753", ERROR,   "empty id or name", "An `id`, `business name`, `physical name`, `physical type` or `encrypted name` is the empty string, which names nothing.")
X(D_META_EXAMPLE,        "DC0754", WARNING, "example that is no value of the field's type", "An example (`examples (...)`, ODCS `examples`) is not a value of the field's type: a string for a number, a timestamp for a date. Examples are documentation, so this is a warning; the message says what is wrong as for a default.")
X(D_META_EXTRA,          "DC0755", ERROR,   "meta that ODCS has no place for", "`meta { ... }` after a field's type or in a dataset's head carries the element's other keys of an ODCS schema property or schema object (tags, authoritativeDefinitions, transformLogic, customProperties, ...), written back by `dcc gen -t odcs` as they are; so do the map after an allowed value (an ODCS enum entry's label, description, ...), after `references` (the relationship's customProperties) and `description { ... }` (the contract description's other keys). It is a map; each key is one the standard has for that element, with a value of the kind it takes (a string, a list, an object, a boolean); the message names the key and what it takes.")
X(D_META_SAID,           "DC0756", ERROR,   "meta key that the language says", "A key of `meta { ... }` that dcc writes itself from the contract (a field's logicalType from its type, required from `?`, primaryKey from the dataset's key (but on a field no key can hold), name, description, quality, an enum entry's value, a relationship's to, the description's purpose, ...) would be said twice. Say it in the language: the message names the item that says it.")
/* DC0760-DC0769: named servers (issue 14: `server NAME TYPE { ... }`, the table is servers.def) */
X(D_SERVER_TYPE,         "DC0760", ERROR,   "unknown server type", "The type of a `server` is one of ODCS v3's server types (postgres, snowflake, bigquery, s3, kafka, databricks, ..., custom; docs/language.md lists them). The message suggests the closest one.")
X(D_SERVER_FIELD,        "DC0761", ERROR,   "field the server type does not take", "Each server type takes its own fields (ODCS v3.1's ServerSource: a postgres server a host, port, database and schema, an s3 server a location, endpointUrl, format and delimiter, ...) beside id, description and environment, which every type takes. The message names the types the field belongs to.")
X(D_SERVER_VALUE,        "DC0762", ERROR,   "server field value of the wrong type", "A server field takes a string (`host \"db.example.com\"`), a whole number (`port 5432`) or a word from a list (`format parquet`, `delimiter new_line`); the message says which. A contract that says `standard odcs` may give any word where ODCS v3.1 allows any string.")
X(D_SERVER_REQUIRED,     "DC0763", ERROR,   "server without a required field", "A server type requires some of its fields (ODCS v3.1: a postgres server its host, port, database and schema; an s3 server its location; a kafka server its host, ...). The message names the missing one.")
X(D_SERVER_CHOICE,       "DC0764", ERROR,   "--server names no server the SQL target can use", "dcc gen -t sql --server NAME places the tables in the schema of the contract's server NAME, which must exist and be of a type the dialect writes for (postgres or postgresql for postgres, duckdb, mysql, snowflake, bigquery, databricks for spark, trino; docs/sql.md). The message lists the contract's servers the dialect could use.")

/* --- 08xx: migrations (dcc gen -t sql-migration) ------------------------------------------ */
X(D_MIGRATION_REFUSED,   "DC0800", ERROR,   "migration would break stored data", "dcc gen -t sql-migration --from OLD takes the tables of OLD to NEW only through changes that keep every stored row and its meaning. This change (the message names its compat rule) could lose rows or values, fail on rows valid under OLD, or give stored values another meaning; the note points at OLD. With --allow-breaking the statements that express it are written anyway, each under a comment naming the rule.")
X(D_MIGRATION_UNSUPPORTED,"DC0801", ERROR,  "no migration for this dialect or input", "dcc gen -t sql-migration writes PostgreSQL migrations only (ALTER TABLE and what it can change in one transaction differ between engines), from a contract (not a library) to a contract. The message says which of these the run asked for.")

/* --- 09xx: warnings about meaning -------------------------------------------------------- */
X(D_PII_UNCLASSIFIED,    "DC0900", WARNING, "personal data without classification", "A field marked pii(...) should be classified confidential or restricted.")
X(D_PII_PUBLIC,          "DC0901", WARNING, "personal data classified public", "A field carrying personal data is classified public or internal.")
X(D_USES_RETIRED,        "DC0902", WARNING, "depends on a deprecated or retired product", "A reference, upstream or imported type comes from a contract whose status is deprecated or retired.")
X(D_LENGTH_REDUNDANT,    "DC0903", WARNING, "length conflicts with string(N)", "A length upper bound differs from the maximum given by string(N).")

/* --- 11xx: ODCS input (YAML) -------------------------------------------------------------- */
X(D_ODCS_YAML,           "DC1100", ERROR,   "YAML syntax error", "The file is read as ODCS YAML, and libyaml cannot parse it at this place; the message gives libyaml's reason.")
X(D_ODCS_YAML_FEATURE,   "DC1101", ERROR,   "YAML feature not accepted", "ODCS files are plain data: one document of mappings, sequences and scalars. Aliases (which could expand without bound), tags outside YAML's core schema, non-scalar keys, a second document and nesting deeper than 128 levels are refused.")
X(D_ODCS_DUP_KEY,        "DC1102", ERROR,   "key given twice", "A YAML mapping gives the same key twice; YAML forbids it and readers disagree on which value wins. A note points at the first.")
X(D_ODCS_UNKNOWN_KEY,    "DC1103", ERROR,   "unknown ODCS key", "The key is not one the Open Data Contract Standard allows in this object (the standard's JSON Schema forbids additional properties). Custom data belongs in customProperties.")
X(D_ODCS_TYPE,           "DC1104", ERROR,   "ODCS value of the wrong type", "The value of an ODCS key has the wrong YAML type (a string where a list is expected, a number where a string is expected, ...).")
X(D_ODCS_MISSING,        "DC1105", ERROR,   "missing ODCS key", "A key the standard requires in this object is absent (for example `id` at the top, `name` of a schema property, `property` and `value` of an SLA entry).")
X(D_ODCS_ENUM,           "DC1106", ERROR,   "ODCS value not allowed", "The value is not one of those the standard lists for this key (kind, apiVersion, server type, logicalType, quality type, dimension, metric, ...).")
X(D_ODCS_RULE,           "DC1107", ERROR,   "ODCS rule broken", "A conditional requirement of the standard is not met: a server type's required fields, a quality check's fields for its type (query for sql, engine and implementation for custom, metric and exactly one operator for library), mustBeBetween with two numbers, relationships with from and to at schema level and without from at property level, a map's key and value, enum values that are given, unique and not empty.")
X(D_ODCS_API_VERSION,    "DC1108", WARNING, "apiVersion does not match the content", "The file declares one ODCS version but uses keys that only a later version has. The message names both; reading goes on with the later version's rules.")
X(D_ODCS_NOT_ODCS,       "DC1109", ERROR,   "not an ODCS document", "A .yaml file is read as ODCS v3, but its top level is not a mapping or it is a document of another format (for example datacontract-cli's own `dataContractSpecification`).")
X(D_ODCS_HOUSE_RULE,     "DC1110", WARNING, "ODCS contract outside dcc's house rules", "dcc's own rules that are about style rather than meaning (an owner, at least one dataset, at least one field) are errors for .dc files but only warnings for ODCS input and for a .dc contract that says `standard odcs` (as `dcc import odcs` writes it), so that any valid ODCS file loads and its import checks clean.")
X(D_ODCS_UNMAPPED,       "DC1111", WARNING, "ODCS content dcc cannot check", "The ODCS element has no counterpart in dcc's model that checks it (a quality operator or metric dcc does not evaluate, a relationship to a dataset outside the contract, ...). It is kept out of checking; docs/odcs.md lists what is mapped.")
X(D_ODCS_SERVER_FIELD,   "DC1112", WARNING, "server field of another server type", "Since ODCS v3.1 each server type takes only its own fields; this one belongs to other types (the message names them). Files written for v3.0 often carry such fields (datacontract-cli's `delimiter` on local servers), so it is a warning and the field is ignored.")
X(D_ODCS_EXTRA_KEY,      "DC1113", WARNING, "key outside ODCS allowed by v3.0", "ODCS v3.0 left some objects open (servers, quality checks, team members, roles, SLA properties, support channels, price, custom properties); v3.1 closed them. A file that declares v3.0.x may carry other keys there: they are ignored with this warning.")
X(D_ODCS_NAME,           "DC1199", WARNING, "name the dcc language cannot write", "A name in the YAML that the dcc language writes as a name (a dataset, a field, the domain, a classification, a server format) holds characters other than letters, digits and '_' (or starts with a digit). Every command reads the file and uses the name as written (data keys, SQL columns, C names made safe), but `dcc import` refuses the file: the dcc language spells names as identifiers.")
/* --- 12xx: the documentation site (dcc gen -t docs) ---------------------------------------- */
X(D_DOCS_NO_DESCRIPTION, "DC1200", WARNING, "product without description in the catalog", "dcc gen -t docs writes a catalog entry for a contract or library that has no doc comment, so its entry and page say nothing about what it holds. Write a `///` comment above `contract` or `library`; its first paragraph is the catalog's one-line description.")
X(D_DOCS_LINK_NOT_SHOWN, "DC1201", WARNING, "link shown as text in the catalog", "dcc gen -t docs makes links only of http:, https: and mailto: URLs, so that a contract cannot put a javascript: or data: URL into the site. The link's URL has another scheme or none and is shown as plain text.")
X(D_DOCS_BAD_WITH,       "DC1202", ERROR,   "unknown target in --with", "dcc gen -t docs --with TARGETS names targets whose files the site holds and links (comma-separated, as dcc gen --list-targets names them). A name is not a target, or is docs itself.")
