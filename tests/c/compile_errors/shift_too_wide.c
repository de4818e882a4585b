/* error-line: 2 */
int big = 1 << 32;
int main(void) { return big; }
