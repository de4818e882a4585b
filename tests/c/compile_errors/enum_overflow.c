/* error-line: 2 */
enum e { A = 2147483647 * 2 };
int main(void) { return A; }
