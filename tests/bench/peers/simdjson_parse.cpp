// simdjson_parse.cpp FILE - the parse ceiling for a C/C++ JSON Lines validator, for `make bench`:
// simdjson's On-Demand API reads every record of FILE (already in memory: the load is not timed)
// and touches every field (each key and string unescaped, each number converted, nulls and
// booleans read), checking no rule. Prints "records errors seconds" in processor time (user +
// system of the process), which other work on a shared machine moves less than wall time.
#include <simdjson.h>

#include <cstdio>
#include <ctime>

using namespace simdjson;

static double cpu_seconds()
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: simdjson_parse FILE\n");
        return 2;
    }
    padded_string json;
    if (padded_string::load(argv[1]).get(json)) {
        std::fprintf(stderr, "simdjson_parse: cannot read %s\n", argv[1]);
        return 2;
    }
    ondemand::parser parser;
    size_t records = 0, errors = 0, sink = 0;
    double sum = 0;
    double t0 = cpu_seconds();
    ondemand::document_stream stream;
    if (parser.iterate_many(json).get(stream)) return 2;
    for (auto doc : stream) {
        records++;
        ondemand::object obj;
        if (doc.get_object().get(obj)) {
            errors++;
            continue;
        }
        for (auto field : obj) {
            std::string_view key;
            ondemand::value v;
            ondemand::json_type t;
            if (field.unescaped_key().get(key) || field.value().get(v) || v.type().get(t)) {
                errors++;
                break;
            }
            sink += key.size();
            std::string_view s{};
            double d = 0;
            bool b = false;
            switch (t) {
            case ondemand::json_type::string:
                if (v.get_string().get(s)) errors++;
                sink += s.size();
                break;
            case ondemand::json_type::number:
                if (v.get_double().get(d)) errors++;
                sum += d;
                break;
            case ondemand::json_type::boolean:
                if (v.get_bool().get(b)) errors++;
                sink += b;
                break;
            case ondemand::json_type::null:
                sink += v.is_null();
                break;
            default: errors++; /* the records hold no arrays or objects */
            }
        }
    }
    double t1 = cpu_seconds();
    // the sums are printed to stderr so that the compiler cannot drop the work
    std::fprintf(stderr, "simdjson_parse: %zu bytes of strings and keys, amounts sum to %.2f\n", sink, sum);
    std::printf("%zu %zu %.6f\n", records, errors, t1 - t0);
    return 0;
}
