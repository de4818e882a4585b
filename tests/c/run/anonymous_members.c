/* C11 anonymous structs and unions: their members are members of the
   enclosing struct (also several levels deep), positional and designated
   initializers reach them, sizeof and offsets as gcc lays them out. */
#include <stdio.h>
#include <stddef.h>

struct value {
    int kind;
    union {
        long i;
        double d;
        struct { int lo, hi; };
    };
    const char *name;
};

struct packet {
    struct {
        unsigned char version, flags;
    };
    unsigned short length;
    union {
        unsigned int word;
        unsigned char bytes[4];
    };
};

static void show(const struct value *v)
{
    switch (v->kind) {
    case 1: printf("%s %ld\n", v->name, v->i); break;
    case 2: printf("%s %.3f\n", v->name, v->d); break;
    default: printf("%s %d..%d\n", v->name, v->lo, v->hi); break;
    }
}

int main(void)
{
    struct value vs[3] = {
        {1, {42}, "int"},
        {.kind = 2, .d = 2.5, .name = "real"},
        {.kind = 3, .lo = 7, .hi = 9, .name = "range"},
    };
    for (int k = 0; k < 3; k++) show(&vs[k]);
    vs[0].d = 1.25;
    vs[0].kind = 2;
    show(&vs[0]);
    struct value *p = &vs[2];
    p->hi = 11;
    p->lo++;
    show(p);
    printf("%zu %zu %zu %zu\n", sizeof(struct value), offsetof(struct value, lo), offsetof(struct value, hi),
           offsetof(struct value, name));

    struct packet pk = {{1, 2}, 16, {0x04030201u}};
    printf("%u %u %u %u %u\n", pk.version, pk.flags, pk.length, pk.bytes[0], pk.bytes[3]);
    pk.bytes[1] = 0xff;
    printf("%08x %zu %zu\n", pk.word, sizeof pk, offsetof(struct packet, word));
    return 0;
}
