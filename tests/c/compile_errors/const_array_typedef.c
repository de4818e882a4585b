/* error-line: 6 */
typedef int row[3];

int main(void) {
    const row r = {1, 2, 3};
    r[0] = 5;
    return r[0];
}
