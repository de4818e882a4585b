/* error-line: 7 */
/* error-match: declaration of non-variable 'in' in 'for' loop initial declaration */
/* C11 6.8.5p3: a for's declaration declares objects only. */
int main(void)
{
    int sum = 0;
    for (enum { in = 7 } e = in; e < 9; e++)
        sum += e;
    return sum;
}
