package io.callhook.http.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callhook.core.port.in.AdministrationUseCase.NewContact;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ContactsCsvTest {

    private static List<ContactsCsv.Row> parse(String csv) throws ContactsCsv.Problem {
        return ContactsCsv.parse(csv.getBytes(StandardCharsets.UTF_8));
    }

    private static void refusedOnLine(int line, String message, ThrowingCallable parsing) {
        assertThatThrownBy(parsing).isInstanceOfSatisfying(ContactsCsv.Problem.class, problem -> {
            assertThat(problem.line()).isEqualTo(line);
            assertThat(problem.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void headerNamesThePhoneNameAndVariableColumnsInAnyOrder() throws Exception {
        List<ContactsCsv.Row> rows = parse("clinic,Name,phone_number\nAcme,Maria,+12125550198\n");

        assertThat(rows).containsExactly(new ContactsCsv.Row(2,
                new NewContact("+12125550198", "Maria", Map.of("clinic", "Acme"))));
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaksAndLinesAreCountedAcrossThem() throws Exception {
        List<ContactsCsv.Row> rows = parse("""
                phone_number,name,note
                +12125550198,"Lopez, Maria","said ""call after 5""
                on the phone"
                +16465550177,Tom,
                """);

        assertThat(rows).extracting(ContactsCsv.Row::line).containsExactly(2, 4);
        assertThat(rows.get(0).contact().name()).isEqualTo("Lopez, Maria");
        assertThat(rows.get(0).contact().variables()).containsEntry("note", "said \"call after 5\"\non the phone");
        assertThat(rows.get(1).contact().variables()).isEmpty();
    }

    @Test
    void crlfLineEndsAByteOrderMarkAndBlankLinesAreFine() throws Exception {
        List<ContactsCsv.Row> rows = parse("\uFEFFphone_number\r\n\r\n+12125550198\r\n   \r\n+16465550177");

        assertThat(rows).extracting(ContactsCsv.Row::line).containsExactly(3, 5);
        assertThat(rows).extracting(r -> r.contact().phoneNumber()).containsExactly("+12125550198", "+16465550177");
        assertThat(rows.get(0).contact().name()).isNull();
    }

    @Test
    void rowWithTooFewOrTooManyFieldsIsRefusedWithItsLine() {
        refusedOnLine(3, "has 1 field, the header has 2", () -> parse("phone_number,name\n+12125550198,a\n+1646\n"));
    }

    @Test
    void headerWithoutAPhoneNumberColumnIsRefused() {
        refusedOnLine(1, "the header must name a phone_number column (found: phone, name)",
                () -> parse("phone,name\n+12125550198,a\n"));
    }

    @Test
    void headerNamingAColumnTwiceIsRefused() {
        refusedOnLine(1, "the header names column 'NAME' twice", () -> parse("phone_number,name,NAME\n"));
    }

    @Test
    void emptyFileAndHeaderOnlyAreRefused() {
        refusedOnLine(1, "the CSV is empty; its first line must be a header naming a phone_number column",
                () -> parse(""));
        refusedOnLine(2, "the CSV has no contact rows after its header", () -> parse("phone_number\n"));
    }

    @Test
    void unclosedQuoteIsRefusedOnTheLineItOpens() {
        refusedOnLine(2, "has a quoted field that is never closed", () -> parse("phone_number,name\n+1212,\"Maria\n"));
    }

    @Test
    void quoteInsideAnUnquotedFieldIsRefused() {
        refusedOnLine(2, "has a quote inside an unquoted field; quote the whole field and double the quotes inside it",
                () -> parse("phone_number,name\n+1212,Ma\"ria\n"));
    }

    @Test
    void textThatIsNotUtf8IsRefusedOnItsLine() {
        byte[] latin1 = "phone_number,name\n+12125550198,Jos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

        refusedOnLine(2, "is not UTF-8 text; save the file as CSV UTF-8", () -> ContactsCsv.parse(latin1));
    }
}
