/* error-line: 5 */
/* A malformed #if expression is an error on its line. */
#if (1 + 2) * 3 == 9
#endif
#if (1 + 2 3
#endif
int main(void) { return 0; }
