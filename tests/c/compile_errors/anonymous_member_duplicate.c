/* error-line: 5 */
struct shape {
    int kind;
    union {
        int kind;
        double radius;
    };
};
int main(void) { return 0; }
