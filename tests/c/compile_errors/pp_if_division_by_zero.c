/* error-line: 6 */
/* Division by zero in an evaluated part of #if is an error. */
#if 0 && 1 / 0
#endif
#define ZERO 0
#if 2 / ZERO
#endif
int main(void) { return 0; }
