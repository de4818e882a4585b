/* error-line: 2 */
int big = (int)1e10;
int main(void) { return big; }
