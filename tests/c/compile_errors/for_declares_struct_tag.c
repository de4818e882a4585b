/* error-line: 7 */
/* error-match: 'struct point' declared in 'for' loop initial declaration */
/* A tag the for's declaration introduces is an error too (gcc's wording). */
int main(void)
{
    int sum = 0;
    for (struct point { int x, y; } p = {1, 2}; p.x < 3; p.x++)
        sum += p.y;
    return sum;
}
