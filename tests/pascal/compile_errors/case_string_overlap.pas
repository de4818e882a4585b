{ error-line: 10 }
{ error-match: duplicate case label }
program CaseStringOverlap;
var
  s: string;
begin
  s := 'bye';
  case s of
    'bye': writeln('farewell');
    'a'..'c': writeln('a to c');  { 'bye' lies in 'a'..'c' }
  end;
end.
