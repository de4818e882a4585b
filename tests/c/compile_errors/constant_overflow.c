/* error-line: 2 */
int big = 2147483647 + 1;
int main(void) { return big; }
