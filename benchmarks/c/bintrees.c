/* bintrees: the Computer Language Benchmarks Game binary-trees workload: allocate many
   perfect binary trees, walk them, free them, while one long-lived tree stays. Measures
   heap allocation (malloc/free) and pointer-chasing recursion. */
#include <stdio.h>
#include <stdlib.h>

#define MINDEPTH 4
#define MAXDEPTH 15

struct node {
    struct node *left, *right;
};

static struct node *make(int depth)
{
    struct node *n = malloc(sizeof *n);
    if (n == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    if (depth > 0) {
        n->left = make(depth - 1);
        n->right = make(depth - 1);
    } else {
        n->left = NULL;
        n->right = NULL;
    }
    return n;
}

static int check(struct node *n)
{
    if (n->left == NULL)
        return 1;
    return 1 + check(n->left) + check(n->right);
}

static void release(struct node *n)
{
    if (n->left != NULL) {
        release(n->left);
        release(n->right);
    }
    free(n);
}

int main(void)
{
    int total = 0;
    struct node *t = make(MAXDEPTH + 1);
    printf("stretch %d\n", check(t));
    release(t);
    struct node *longlived = make(MAXDEPTH);
    for (int depth = MINDEPTH; depth <= MAXDEPTH; depth += 2) {
        int iterations = 1;
        for (int i = 1; i <= MAXDEPTH - depth + MINDEPTH; i++)
            iterations = iterations * 2;
        int sum = 0;
        for (int i = 1; i <= iterations; i++) {
            t = make(depth);
            sum = sum + check(t);
            release(t);
        }
        total = total + sum;
    }
    printf("longlived %d total %d\n", check(longlived), total);
    release(longlived);
    return 0;
}
