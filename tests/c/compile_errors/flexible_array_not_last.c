/* error-line: 4 */
struct record {
    int n;
    int values[];
    int checksum;
};
int main(void) { return 0; }
