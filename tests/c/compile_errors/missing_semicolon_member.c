/* error-line: 4 */
struct s {
    int a
    int b;
};
int main(void) {
    return 0;
}
