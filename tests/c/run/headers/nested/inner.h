#define INNER 4
