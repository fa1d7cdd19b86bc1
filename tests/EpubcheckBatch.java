// epubcheck on several books in one Java process (tests/test_epub_checks.py):
// one start of the JVM and of epubcheck's schemas instead of one a book, which
// took most of each check's time. Run as a source file:
//   java -cp epubcheck.jar tests/EpubcheckBatch.java BOOK.epub ...
// For each book it prints "=== BOOK", epubcheck's own messages (the error
// stream joined to the output, so they stay under their book), and "=== exit N".
public class EpubcheckBatch {
    public static void main(String[] args) {
        System.setErr(System.out);
        for (String path : args) {
            System.out.println("=== " + path);
            int code = new com.adobe.epubcheck.tool.EpubChecker().run(new String[] {path, "--quiet"});
            System.out.println("=== exit " + code);
        }
        System.out.flush();
    }
}
