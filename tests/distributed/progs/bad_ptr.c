#pragma dvm remote peek other
int peek(int *p);
int main(void) { return 0; }
