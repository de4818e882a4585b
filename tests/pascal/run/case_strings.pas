{ case on strings (fpc): single labels, lists, ranges compared as strings
  compare, chars as labels, else, no match, the selector evaluated once. }
program case_strings;
var
  words: array[1..9] of string = ('hello', 'bye', 'apple', 'melon', 'zebra', '', 'b', 'Hello', 'quit');
  i, calls: integer;

function next_word(k: integer): string;
begin
  calls := calls + 1;
  next_word := words[k];
end;

begin
  calls := 0;
  for i := 1 to 9 do
  begin
    write(i, ' ');
    case next_word(i) of
      'hello', 'Hello': writeln('greeting');
      'bye': writeln('farewell');
      'a'..'aq': writeln('a to aq');
      'm'..'p', 'y'..'zz': writeln('m to p or y to zz');
      '': writeln('empty');
      'quit': writeln('stop');
    else
      writeln('other');
    end;
  end;
  writeln('selector evaluated ', calls, ' times');
  case words[7] of
    'a': writeln('a');
    'b': writeln('b');
  end;
  case words[3] of
    'x': writeln('x');
  end;
  writeln('done');
end.
