/* error-line: 3 */
/* #line takes a positive line number. */
#line x
int main(void) { return 0; }
