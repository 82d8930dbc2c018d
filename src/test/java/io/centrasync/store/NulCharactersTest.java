package io.centrasync.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class NulCharactersTest {

    @Test
    void textWithoutNulIsUntouched() {
        String s = "Grattis på födelsedagen";
        assertSame(s, NulCharacters.inText(s));
        assertEquals("a\uFFFDb\uFFFD", NulCharacters.inText("a\0b\0"));
    }

    @Test
    void onlyRealNulEscapesAreReplacedInJson() {
        String plain = "{\"a\":\"x\"}";
        assertSame(plain, NulCharacters.inJson(plain));
        assertEquals("{\"a\":\"x\\ufffdy\"}", NulCharacters.inJson("{\"a\":\"x\\u0000y\"}"));
        // an escaped backslash followed by the text u0000 is not a NUL
        assertEquals("{\"a\":\"\\\\u0000\"}", NulCharacters.inJson("{\"a\":\"\\\\u0000\"}"));
        // ...but an escaped backslash followed by a NUL escape is
        assertEquals("{\"a\":\"\\\\\\ufffd\"}", NulCharacters.inJson("{\"a\":\"\\\\\\u0000\"}"));
    }
}
