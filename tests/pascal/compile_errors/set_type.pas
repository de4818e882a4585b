{ error-line: 7 }
{ error-match: unsupported: set types }
{ dvm-only: fpc accepts sets; they are outside dvm's subset }
program SetType;
type
  TDigit = 0..9;
  TDigits = set of TDigit;
var
  d: TDigits;
begin
  d := [1, 3, 5];
  if 3 in d then writeln('three');
end.
