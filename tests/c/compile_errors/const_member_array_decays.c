/* error-line: 8 */
struct pair {
    int v[2];
};

int main(void) {
    const struct pair p = {{1, 2}};
    int *q = p.v;
    return q[0];
}
