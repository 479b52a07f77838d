/* people.c - tests/cli/newcomer.sh: every use of the named struct Address is one C type. */
#include <stdio.h>
#include "shop_people__people.h"
int main(void)
{
    shop_people_people r = {0};
    r.id = 1;
    r.home.city = (dcc_str){"Oslo", 4};
    r.home.kind = shop_people_people_home_kind_names[0];
    r.has_work = true;
    r.work = r.home; /* one C type for every use of Address */
    r.work.kind = (dcc_str){"moon", 4};
    shop_people_people_home prev[1] = {r.home};
    r.previous = (shop_people_people_home_list){prev, 1}; /* a typed list */
    dcc_validator *v = shop_people_people_validator(NULL);
    dcc_stream_stats st = DCC_STREAM_STATS_INIT;
    int rc = shop_people_people_validate_structs(v, &r, 1, NULL, &st);
    printf("%d %llu\n", rc, (unsigned long long)st.violations);
    dcc_validator_free(v);
    return 0;
}
