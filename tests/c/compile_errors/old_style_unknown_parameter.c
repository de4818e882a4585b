/* error-line: 5 */
/* An old-style definition declares a name its identifier list lacks. */
int f(a)
    int a;
    int b;
{
    return a;
}
int main(void) { return f(1); }
