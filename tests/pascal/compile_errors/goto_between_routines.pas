{ error-line: 12 }
{ error-match: not allowed between different procedures }
program GotoBetweenRoutines;

procedure outer;
label finished;

  procedure inner;
  begin
    writeln('inner');
    { a goto cannot leave a routine for a label of the one around it }
    goto finished;
  end;

begin
  inner;
finished:
  writeln('outer');
end;

begin
  outer;
end.
