/* Flexible array members: the struct's size leaves the array out, the
   storage comes from malloc, and the elements are indexed past the header. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buffer {
    int len;
    char tag;
    int data[];
};

struct text {
    size_t n;
    char s[];
};

struct matrix {
    int rows, cols;
    double cells[];
};

static struct buffer *make(int n)
{
    struct buffer *b = malloc(sizeof(struct buffer) + n * sizeof(int));
    b->len = n;
    b->tag = 'b';
    for (int i = 0; i < n; i++) b->data[i] = i * i;
    return b;
}

static struct text *text_of(const char *s)
{
    struct text *t = malloc(sizeof *t + strlen(s) + 1);
    t->n = strlen(s);
    memcpy(t->s, s, t->n + 1);
    return t;
}

int main(void)
{
    struct buffer *b = make(6);
    long total = 0;
    for (int i = 0; i < b->len; i++) total += b->data[i];
    printf("%zu %d %c %ld\n", sizeof(struct buffer), b->len, b->tag, total);
    b = realloc(b, sizeof *b + 10 * sizeof b->data[0]);
    for (int i = 6; i < 10; i++) b->data[i] = -i;
    b->len = 10;
    total = 0;
    for (int i = 0; i < b->len; i++) total += b->data[i];
    printf("%d %ld\n", b->len, total);
    free(b);

    struct text *t = text_of("flexible");
    printf("%zu %zu %s %c\n", sizeof(struct text), t->n, t->s, t->s[3]);
    free(t);

    struct matrix *m = calloc(1, sizeof *m + 3 * 4 * sizeof(double));
    m->rows = 3;
    m->cols = 4;
    for (int r = 0; r < m->rows; r++)
        for (int c = 0; c < m->cols; c++) m->cells[r * m->cols + c] = r + c / 4.0;
    printf("%zu %.2f %.2f\n", sizeof(struct matrix), m->cells[5], m->cells[11]);
    free(m);
    return 0;
}
