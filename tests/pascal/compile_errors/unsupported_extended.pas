{ error-line: 7 }
{ error-match: unsupported: the type 'extended' (dvm's reals are double: use real or double) }
{ dvm-only: fpc's extended is 80 bits wide and prints more digits; dvm has double only }
program UnsupportedExtended;
var
  r: real;
  e: extended;
begin
  r := 1.5;
  e := r;
  writeln(e);
end.
