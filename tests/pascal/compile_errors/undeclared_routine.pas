{ error-line: 11 }
program UndeclaredRoutine;

procedure Greet(const who: string);
begin
  writeln('hello ', who);
end;

begin
  Greet('world');
  Gret('again');
end.
