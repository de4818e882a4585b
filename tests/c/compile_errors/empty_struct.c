/* error-line: 2 */
struct empty {
};
int main(void) { return 0; }
