# gen_contracts.awk -v n=N -v fields=F -v dir=DIR: writes N contracts of F fields each, with a mix
# of types and attributes like real contracts, for the `dcc check` benchmark.
BEGIN {
    split("int32 int64 string(64) decimal(12,2) timestamp date uuid boolean float64 string", types, " ")
    for (c = 0; c < n; c++) {
        f = sprintf("%s/c%04d.dc", dir, c)
        printf "/// Benchmark product %d.\ncontract bench.p%04d 1.%d.0 {\n  owner \"Team %d\"\n  domain bench\n  status active\n", c, c, c % 7, c % 13 > f
        printf "  sla {\n    freshness 1h\n    availability 99.9%%\n  }\n\n  dataset d%d {\n    primary key (f0)\n", c > f
        for (i = 0; i < fields; i++) {
            t = types[(i % 10) + 1]
            if (i == 0) t = "int64"
            attrs = ""
            if (t == "int32") attrs = " range [0, 1000000]"
            else if (t == "string(64)") attrs = " pattern \"^[a-z]+[0-9]*$\" length [1, 64]"
            else if (t == "decimal(12,2)") attrs = " range [0, 99999] unit \"EUR\""
            else if (t == "string") attrs = " values (\"a\", \"b\", \"c\")"
            opt = (i > 0 && i % 3 == 0) ? "?" : ""
            printf "    /// Field %d.\n    field f%d %s%s%s\n", i, i, t, opt, attrs > f
        }
        printf "    quality {\n      row_count >= 1000\n      null_rate(f3) < 5%%\n    }\n  }\n}\n" > f
        close(f)
    }
}
