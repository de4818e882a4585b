/* error-line: 3 */
double d;
int *p = &d;
int main(void) { return p != 0; }
